/**
 * The admin side of the log in SQLite: what the dashboard, exports and `npm run report`
 * read, and signal status updates and retention. Plain SQL over the log's own connection;
 * every query is parameterised. The statements run synchronously (better-sqlite3); the
 * Promises are the interface's, which a shared database needs.
 */
import type Database from 'better-sqlite3';
import type { ChannelCount, DailyCount, InteractionRow, PeriodSummary, Reports, SignalQuery, SignalRow, SignalStatus } from '../types.js';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString();

export class SqliteReports implements Reports {
  /** `source.db` is read on every query: the log may reopen its file while running. */
  constructor(private readonly source: { readonly db: Database.Database }) {}

  private get db(): Database.Database {
    return this.source.db;
  }

  async period(label: string, since: Date, until = new Date()): Promise<PeriodSummary> {
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

  async byChannel(since: Date): Promise<ChannelCount[]> {
    return this.db
      .prepare(
        `SELECT channel, count(*) AS messages, sum(kind = 'answer') AS answered, sum(kind = 'fallback') AS fellBack
         FROM interactions WHERE at >= ? GROUP BY channel ORDER BY messages DESC`,
      )
      .all(iso(since)) as ChannelCount[];
  }

  async daily(days: number, now = new Date()): Promise<DailyCount[]> {
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

  async topItems(since: Date, limit = 10): Promise<{ itemId: string; count: number }[]> {
    return this.db
      .prepare(`SELECT item_id AS itemId, count(*) AS count FROM interactions WHERE at >= ? AND item_id IS NOT NULL GROUP BY item_id ORDER BY count DESC LIMIT ?`)
      .all(iso(since), limit) as { itemId: string; count: number }[];
  }

  async topFields(since: Date, limit = 10): Promise<{ field: string; count: number }[]> {
    return this.db
      .prepare(`SELECT field, count(*) AS count FROM interactions WHERE at >= ? AND field IS NOT NULL GROUP BY field ORDER BY count DESC LIMIT ?`)
      .all(iso(since), limit) as { field: string; count: number }[];
  }

  async signals(opts: SignalQuery = {}, now = new Date()): Promise<SignalRow[]> {
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

  async signal(id: number): Promise<SignalRow | undefined> {
    return (await this.signals({ limit: 1_000_000 })).find((s) => s.id === id);
  }

  async updateSignal(id: number, status: SignalStatus, note: string | null): Promise<boolean> {
    return this.db.prepare('UPDATE signals SET status = ?, note = ? WHERE id = ?').run(status, note, id).changes > 0;
  }

  async interactions(from: Date, to: Date, limit = 100_000): Promise<InteractionRow[]> {
    return this.db
      .prepare(
        `SELECT id, at, channel, user_hash AS userHash, text, kind, item_id AS itemId, field, score, latency_ms AS latencyMs, signal_id AS signalId
         FROM interactions WHERE at >= ? AND at < ? ORDER BY at LIMIT ?`,
      )
      .all(iso(from), iso(to), limit) as InteractionRow[];
  }

  async interactionCount(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM interactions').get() as { n: number }).n;
  }

  async purge(olderThan: Date): Promise<number> {
    return this.db.prepare('DELETE FROM interactions WHERE at < ?').run(iso(olderThan)).changes;
  }
}
