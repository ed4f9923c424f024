/**
 * The admin side of the log in SQLite: what the dashboard, exports and `npm run report`
 * read, and signal status updates and retention. Plain SQL over the log's own connection;
 * every query is parameterised. The statements run synchronously (better-sqlite3); the
 * Promises are the interface's, which a shared database needs.
 */
import type Database from 'better-sqlite3';
import { SIGNAL_EXAMPLES } from '../../signals/grouper.js';
import type {
  ChannelCount,
  CorrectionAction,
  DailyCount,
  InteractionRow,
  ItemFeedback,
  Labels,
  PeriodSummary,
  Regrouping,
  Reports,
  SignalCorrection,
  SignalKind,
  SignalQuery,
  SignalRow,
  SignalStatus,
} from '../types.js';
import type { StoredSignal } from '../../signals/grouper.js';

/** A signal row as the corrections read it. */
interface Live {
  id: number;
  key: string;
  kind: SignalKind;
  itemId: string | null;
  count: number;
  firstSeen: string;
  lastSeen: string;
  examples: string;
  mergedInto: number | null;
}
import { purge, remask } from './retention.js';

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
        `SELECT s.id, s.key, s.kind, s.item_id AS itemId, s.label, s.count, s.first_seen AS firstSeen, s.last_seen AS lastSeen, s.examples, s.status, s.note,
                (SELECT count(*) FROM interactions i WHERE i.signal_id = s.id AND i.at >= @d7) AS last7,
                (SELECT count(*) FROM interactions i WHERE i.signal_id = s.id AND i.at >= @d14 AND i.at < @d7) AS prev7
         FROM signals s
         WHERE s.merged_into IS NULL AND s.last_seen >= @since AND s.status IN (SELECT value FROM json_each(@statuses))
           AND (@kind IS NULL OR s.kind = @kind)
         ORDER BY s.count DESC, s.last_seen DESC LIMIT @limit`,
      )
      .all({
        d7: iso(new Date(now.getTime() - 7 * DAY)),
        d14: iso(new Date(now.getTime() - 14 * DAY)),
        since: opts.since ? iso(opts.since) : '',
        statuses: JSON.stringify(statuses),
        kind: opts.kind ?? null,
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

  /** Interactions and verdicts older than the retention period go, and the signal examples that only they still held (counts stay). */
  async purge(olderThan: Date): Promise<number> {
    return purge(this.db, olderThan);
  }

  async remask(mask: (text: string) => string, version: string): Promise<number> {
    return remask(this.db, mask, version);
  }

  async signalExamples(): Promise<(StoredSignal & { id: number })[]> {
    const rows = this.db
      .prepare('SELECT id, key, kind, item_id AS itemId, examples FROM signals WHERE merged_into IS NULL ORDER BY first_seen, id')
      .all() as (Omit<StoredSignal, 'examples'> & { id: number; examples: string })[];
    return rows.map((r) => ({ ...r, examples: JSON.parse(r.examples) as string[] }));
  }

  private live(id: number): Live | undefined {
    const row = this.db
      .prepare(
        `SELECT id, key, kind, item_id AS itemId, count, first_seen AS firstSeen, last_seen AS lastSeen, examples, merged_into AS mergedInto
         FROM signals WHERE id = ?`,
      )
      .get(id) as Live | undefined;
    return row && row.mergedInto === null ? row : undefined;
  }

  private note(action: CorrectionAction, actor: string, signalId: number, otherId: number | null, examples: string[]): void {
    this.db
      .prepare('INSERT INTO signal_corrections (at, actor, action, signal_id, other_id, examples) VALUES (?, ?, ?, ?, ?, ?)')
      .run(iso(new Date()), actor, action, signalId, otherId, JSON.stringify(examples));
  }

  private setLabels(labels: Labels): void {
    const stmt = this.db.prepare('UPDATE signals SET label = ? WHERE id = ?');
    for (const [id, label] of Object.entries(labels)) stmt.run(label, Number(id));
  }

  /** Both live, and of the same kind and item (an unmet demand never joins a 答非所问). */
  private pair(a: number, b: number): [Live, Live] | undefined {
    const x = this.live(a);
    const y = this.live(b);
    if (!x || !y || x.id === y.id || x.kind !== y.kind || x.itemId !== y.itemId) return undefined;
    return [x, y];
  }

  private mergeInto(target: Live, other: Live, action: CorrectionAction, actor: string): void {
    const { db } = this;
    db.prepare('UPDATE interactions SET signal_id = ? WHERE signal_id = ?').run(target.id, other.id);
    db.prepare('UPDATE feedback SET signal_id = ? WHERE signal_id = ?').run(target.id, other.id);
    const mine = JSON.parse(target.examples) as string[];
    const theirs = JSON.parse(other.examples) as string[];
    const examples = [...mine, ...theirs.filter((e) => !mine.includes(e))].slice(0, SIGNAL_EXAMPLES);
    db.prepare('UPDATE signals SET count = count + ?, first_seen = min(first_seen, ?), last_seen = max(last_seen, ?), examples = ? WHERE id = ?').run(
      other.count,
      other.firstSeen,
      other.lastSeen,
      JSON.stringify(examples),
      target.id,
    );
    db.prepare('UPDATE signals SET merged_into = ? WHERE id = ?').run(target.id, other.id);
    this.note(action, actor, target.id, other.id, theirs);
  }

  async mergeSignals(id: number, otherId: number, actor: string, labels: Labels): Promise<boolean> {
    return this.db.transaction(() => {
      const both = this.pair(id, otherId);
      if (!both) return false;
      this.mergeInto(both[0], both[1], 'merge', actor);
      this.setLabels(labels);
      return true;
    })();
  }

  /** Move examples (and the interactions and verdicts that said them) from one signal to another. */
  private moveExamples(from: Live, to: Live, examples: string[]): void {
    const { db } = this;
    let moved = 0;
    for (const e of examples) {
      const n =
        db.prepare('UPDATE interactions SET signal_id = ? WHERE signal_id = ? AND text = ?').run(to.id, from.id, e).changes +
        db.prepare('UPDATE feedback SET signal_id = ? WHERE signal_id = ? AND question = ?').run(to.id, from.id, e).changes;
      moved += Math.max(1, n); // purged interactions still counted once
    }
    moved = Math.min(moved, from.count);
    const left = (JSON.parse(from.examples) as string[]).filter((e) => !examples.includes(e));
    const theirs = JSON.parse(to.examples) as string[];
    const joined = [...theirs, ...examples.filter((e) => !theirs.includes(e))].slice(0, SIGNAL_EXAMPLES);
    db.prepare('UPDATE signals SET count = count - ?, examples = ? WHERE id = ?').run(moved, JSON.stringify(left), from.id);
    db.prepare('UPDATE signals SET count = count + ?, examples = ?, first_seen = min(first_seen, ?), last_seen = max(last_seen, ?) WHERE id = ?').run(
      moved,
      JSON.stringify(joined),
      from.firstSeen,
      from.lastSeen,
      to.id,
    );
    // A signal left with nothing to show goes into the one that took its last example.
    if (!left.length) db.prepare('UPDATE signals SET merged_into = ? WHERE id = ?').run(to.id, from.id);
  }

  async moveExample(fromId: number, example: string, toId: number, actor: string, labels: Labels): Promise<boolean> {
    return this.db.transaction(() => {
      const both = this.pair(fromId, toId);
      if (!both || !(JSON.parse(both[0].examples) as string[]).includes(example)) return false;
      this.moveExamples(both[0], both[1], [example]);
      this.note('move', actor, fromId, toId, [example]);
      this.setLabels(labels);
      return true;
    })();
  }

  async splitSignal(id: number, examples: string[], actor: string, labels: (newId: number) => Labels): Promise<number | null> {
    return this.db.transaction(() => {
      const from = this.live(id);
      if (!from) return null;
      const all = JSON.parse(from.examples) as string[];
      const chosen = [...new Set(examples)].filter((e) => all.includes(e));
      if (!chosen.length || chosen.length >= all.length) return null;
      let key = `${from.key} · 拆分`;
      for (let n = 2; this.db.prepare('SELECT 1 FROM signals WHERE key = ?').get(key); n++) key = `${from.key} · 拆分 ${n}`;
      const newId = Number(
        this.db
          .prepare("INSERT INTO signals (key, count, first_seen, last_seen, kind, item_id, examples) VALUES (?, 0, ?, ?, ?, ?, '[]')")
          .run(key, from.firstSeen, from.lastSeen, from.kind, from.itemId).lastInsertRowid,
      );
      const to = this.live(newId) as Live;
      this.moveExamples(from, to, chosen);
      this.note('split', actor, id, newId, chosen);
      this.setLabels(labels(newId));
      return newId;
    })();
  }

  async corrections(signalId?: number): Promise<SignalCorrection[]> {
    const rows = this.db
      .prepare(
        `SELECT id, at, actor, action, signal_id AS signalId, other_id AS otherId, examples FROM signal_corrections
         WHERE @id IS NULL OR signal_id = @id OR other_id = @id ORDER BY id DESC LIMIT 500`,
      )
      .all({ id: signalId ?? null }) as (Omit<SignalCorrection, 'examples'> & { examples: string })[];
    return rows.map((r) => ({ ...r, examples: JSON.parse(r.examples) as string[] }));
  }

  async itemFeedback(since: Date, worst = 3): Promise<ItemFeedback[]> {
    const rows = this.db
      .prepare('SELECT item_id AS itemId, sum(helpful) AS helpful, sum(1 - helpful) AS unhelpful FROM feedback WHERE at >= ? GROUP BY item_id')
      .all(iso(since)) as { itemId: string; helpful: number; unhelpful: number }[];
    const worstOf = this.db.prepare(
      'SELECT question, count(*) AS count FROM feedback WHERE item_id = ? AND helpful = 0 AND at >= ? GROUP BY question ORDER BY count DESC, max(at) DESC LIMIT ?',
    );
    return rows
      .map((r) => ({
        ...r,
        helpfulRate: r.helpful / (r.helpful + r.unhelpful),
        worst: worstOf.all(r.itemId, iso(since), worst) as { question: string; count: number }[],
      }))
      .sort((a, b) => a.helpfulRate - b.helpfulRate || b.unhelpful - a.unhelpful);
  }

  async meta(key: string): Promise<string | null> {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  async regroup(plan: Regrouping): Promise<void> {
    this.db.transaction(() => {
      for (const { id, others } of plan.merges) {
        for (const other of others) {
          const both = this.pair(id, other);
          if (both) this.mergeInto(both[0], both[1], 'regroup', plan.actor);
        }
      }
      this.setLabels(plan.labels);
      this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(plan.metaKey, plan.metaValue);
    })();
  }
}
