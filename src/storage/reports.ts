/**
 * The read side of the interaction log: what admins see on the dashboard, in exports and
 * in `npm run report`. Plain SQL over the same SQLite file; every query is parameterised.
 */
import type Database from 'better-sqlite3';
import type { Signal, SignalStatus } from './types.js';

export const SIGNAL_STATUSES: Record<SignalStatus, string> = { new: '新', seen: '已查看', covered: '已补充知识', ignored: '忽略' };

export interface PeriodSummary {
  label: string;
  since: string;
  messages: number;
  /** Questions: answer + clarify + fallback (not chat, emergency, redirect). */
  questions: number;
  answered: number;
  clarified: number;
  fellBack: number;
  answerRate: number;
}

export interface DailyCount {
  day: string;
  answered: number;
  clarified: number;
  fellBack: number;
  other: number;
}

export interface SignalRow extends Signal {
  /** Occurrences in the last 7 days and the 7 before (from interactions still kept). */
  last7: number;
  prev7: number;
}

export interface InteractionRow {
  id: number;
  at: string;
  channel: string;
  userHash: string;
  text: string;
  kind: string;
  itemId: string | null;
  field: string | null;
  score: number;
  latencyMs: number;
  signalId: number | null;
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString();

export class Reports {
  /** `source.db` is read on every query: the log may reopen its file while running. */
  constructor(private readonly source: { readonly db: Database.Database }) {}

  private get db(): Database.Database {
    return this.source.db;
  }

  period(label: string, since: Date, until = new Date()): PeriodSummary {
    const row = this.db
      .prepare(
        `SELECT count(*) AS messages,
                sum(kind = 'answer') AS answered, sum(kind = 'clarify') AS clarified, sum(kind = 'fallback') AS fellBack
         FROM interactions WHERE at >= ? AND at < ?`,
      )
      .get(iso(since), iso(until)) as { messages: number; answered: number | null; clarified: number | null; fellBack: number | null };
    const answered = row.answered ?? 0, clarified = row.clarified ?? 0, fellBack = row.fellBack ?? 0;
    const questions = answered + clarified + fellBack;
    return { label, since: iso(since), messages: row.messages, questions, answered, clarified, fellBack, answerRate: questions ? answered / questions : 0 };
  }

  /** Today (UTC), 7 and 30 days. */
  periods(now = new Date()): PeriodSummary[] {
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    return [
      this.period('今天', today, new Date(now.getTime() + 1)),
      this.period('近 7 天', new Date(now.getTime() - 7 * DAY), new Date(now.getTime() + 1)),
      this.period('近 30 天', new Date(now.getTime() - 30 * DAY), new Date(now.getTime() + 1)),
    ];
  }

  byChannel(since: Date): { channel: string; messages: number; answered: number; fellBack: number }[] {
    return this.db
      .prepare(
        `SELECT channel, count(*) AS messages, sum(kind = 'answer') AS answered, sum(kind = 'fallback') AS fellBack
         FROM interactions WHERE at >= ? GROUP BY channel ORDER BY messages DESC`,
      )
      .all(iso(since)) as { channel: string; messages: number; answered: number; fellBack: number }[];
  }

  daily(days: number, now = new Date()): DailyCount[] {
    const since = new Date(now.getTime() - (days - 1) * DAY);
    const rows = this.db
      .prepare(
        `SELECT substr(at, 1, 10) AS day, sum(kind = 'answer') AS answered, sum(kind = 'clarify') AS clarified,
                sum(kind = 'fallback') AS fellBack, sum(kind NOT IN ('answer', 'clarify', 'fallback')) AS other
         FROM interactions WHERE at >= ? GROUP BY day`,
      )
      .all(iso(since).slice(0, 10)) as DailyCount[];
    const byDay = new Map(rows.map((r) => [r.day, r]));
    return Array.from({ length: days }, (_, i) => {
      const day = iso(new Date(since.getTime() + i * DAY)).slice(0, 10);
      return byDay.get(day) ?? { day, answered: 0, clarified: 0, fellBack: 0, other: 0 };
    });
  }

  topItems(since: Date, limit = 10): { itemId: string; count: number }[] {
    return this.db
      .prepare(`SELECT item_id AS itemId, count(*) AS count FROM interactions WHERE at >= ? AND item_id IS NOT NULL GROUP BY item_id ORDER BY count DESC LIMIT ?`)
      .all(iso(since), limit) as { itemId: string; count: number }[];
  }

  topFields(since: Date, limit = 10): { field: string; count: number }[] {
    return this.db
      .prepare(`SELECT field, count(*) AS count FROM interactions WHERE at >= ? AND field IS NOT NULL GROUP BY field ORDER BY count DESC LIMIT ?`)
      .all(iso(since), limit) as { field: string; count: number }[];
  }

  signals(opts: { since?: Date; limit?: number; status?: SignalStatus[] } = {}, now = new Date()): SignalRow[] {
    const statuses = opts.status ?? ['new', 'seen', 'covered', 'ignored'];
    const rows = this.db
      .prepare(
        `SELECT s.id, s.key, s.count, s.first_seen AS firstSeen, s.last_seen AS lastSeen, s.examples, s.status, s.note,
                (SELECT count(*) FROM interactions i WHERE i.signal_id = s.id AND i.at >= @d7) AS last7,
                (SELECT count(*) FROM interactions i WHERE i.signal_id = s.id AND i.at >= @d14 AND i.at < @d7) AS prev7
         FROM signals s
         WHERE s.last_seen >= @since AND s.status IN (SELECT value FROM json_each(@statuses))
         ORDER BY s.count DESC, s.last_seen DESC LIMIT @limit`,
      )
      .all({
        d7: iso(new Date(now.getTime() - 7 * DAY)),
        d14: iso(new Date(now.getTime() - 14 * DAY)),
        since: opts.since ? iso(opts.since) : '',
        statuses: JSON.stringify(statuses),
        limit: opts.limit ?? 100,
      }) as (Omit<SignalRow, 'examples'> & { examples: string })[];
    return rows.map((r) => ({ ...r, examples: JSON.parse(r.examples) as string[] }));
  }

  signal(id: number): SignalRow | undefined {
    return this.signals({ limit: 1_000_000 }).find((s) => s.id === id);
  }

  updateSignal(id: number, status: SignalStatus, note: string | null): boolean {
    return this.db.prepare('UPDATE signals SET status = ?, note = ? WHERE id = ?').run(status, note, id).changes > 0;
  }

  interactions(from: Date, to: Date, limit = 100_000): InteractionRow[] {
    return this.db
      .prepare(
        `SELECT id, at, channel, user_hash AS userHash, text, kind, item_id AS itemId, field, score, latency_ms AS latencyMs, signal_id AS signalId
         FROM interactions WHERE at >= ? AND at < ? ORDER BY at LIMIT ?`,
      )
      .all(iso(from), iso(to), limit) as InteractionRow[];
  }

  /** Delete interactions older than the retention period; signal counts stay. */
  purge(olderThan: Date): number {
    return this.db.prepare('DELETE FROM interactions WHERE at < ?').run(iso(olderThan)).changes;
  }
}
