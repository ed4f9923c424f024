/**
 * The admin side of the log in PostgreSQL: the same Reports as SQLite's (sqlite/reports.ts),
 * field for field, so the dashboard, exports and `npm run report` cannot tell them apart —
 * demand signals with their kinds, labels and merges, verdicts on answers, and the grouping
 * corrections (merge, move, split, regroup) in one transaction each, the signals locked.
 * Times come back as the same ISO strings (UTC, milliseconds), counts as numbers.
 */
import type pg from 'pg';
import { SIGNAL_EXAMPLES, type StoredSignal } from '../../signals/grouper.js';
import { MASK_RULES_KEY, pruned, remasked, textsToCheck, type SignalTexts } from '../retention.js';
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
  SignalQuery,
  SignalRow,
  SignalStatus,
} from '../types.js';

const DAY = 86_400_000;
const ALL_STATUSES: SignalStatus[] = ['new', 'seen', 'covered', 'ignored'];
/** A timestamptz as SQLite's stored form: 2026-11-25T08:00:00.000Z (null stays null). */
export const isoColumn = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const iso = isoColumn;
const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::int`;

const SIGNAL_COLUMNS = `s.id, s.key, s.kind, s.item_id AS "itemId", s.label, s.count, ${iso('s.first_seen')} AS "firstSeen", ${iso('s.last_seen')} AS "lastSeen", s.examples, s.status, s.note,
  (SELECT count(*)::int FROM interactions i WHERE i.signal_id = s.id AND i.at >= $1) AS last7,
  (SELECT count(*)::int FROM interactions i WHERE i.signal_id = s.id AND i.at >= $2 AND i.at < $1) AS prev7`;

export class PostgresReports implements Reports {
  constructor(private readonly pool: pg.Pool) {}

  private async rows<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  async period(label: string, since: Date, until = new Date()): Promise<PeriodSummary> {
    const [row] = await this.rows<{ messages: number; answered: number; clarified: number; fellBack: number }>(
      `SELECT count(*)::int AS messages, ${count("kind = 'answer'")} AS answered, ${count("kind = 'clarify'")} AS clarified, ${count("kind = 'fallback'")} AS "fellBack"
       FROM interactions WHERE at >= $1 AND at < $2`,
      [since, until],
    );
    const { messages = 0, answered = 0, clarified = 0, fellBack = 0 } = row ?? {};
    const questions = answered + clarified + fellBack;
    return { label, since: since.toISOString(), messages, questions, answered, clarified, fellBack, answerRate: questions ? answered / questions : 0 };
  }

  async byChannel(since: Date): Promise<ChannelCount[]> {
    return this.rows<ChannelCount>(
      `SELECT channel, count(*)::int AS messages, ${count("kind = 'answer'")} AS answered, ${count("kind = 'fallback'")} AS "fellBack"
       FROM interactions WHERE at >= $1 GROUP BY channel ORDER BY messages DESC`,
      [since],
    );
  }

  async daily(days: number, now = new Date()): Promise<DailyCount[]> {
    const since = new Date(now.getTime() - (days - 1) * DAY);
    const start = since.toISOString().slice(0, 10);
    const rows = await this.rows<DailyCount>(
      `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${count("kind = 'answer'")} AS answered, ${count("kind = 'clarify'")} AS clarified,
              ${count("kind = 'fallback'")} AS "fellBack", ${count("kind NOT IN ('answer', 'clarify', 'fallback')")} AS other
       FROM interactions WHERE at >= ($1::date AT TIME ZONE 'UTC') GROUP BY day`,
      [start],
    );
    const byDay = new Map(rows.map((r) => [r.day, r]));
    return Array.from({ length: days }, (_, i) => {
      const day = new Date(since.getTime() + i * DAY).toISOString().slice(0, 10);
      return byDay.get(day) ?? { day, answered: 0, clarified: 0, fellBack: 0, other: 0 };
    });
  }

  async topItems(since: Date, limit = 10): Promise<{ itemId: string; count: number }[]> {
    return this.rows(
      `SELECT item_id AS "itemId", count(*)::int AS count FROM interactions WHERE at >= $1 AND item_id IS NOT NULL
       GROUP BY item_id ORDER BY count DESC, item_id LIMIT $2`,
      [since, limit],
    );
  }

  async topFields(since: Date, limit = 10): Promise<{ field: string; count: number }[]> {
    return this.rows(
      `SELECT field, count(*)::int AS count FROM interactions WHERE at >= $1 AND field IS NOT NULL
       GROUP BY field ORDER BY count DESC, field LIMIT $2`,
      [since, limit],
    );
  }

  async signals(opts: SignalQuery = {}, now = new Date()): Promise<SignalRow[]> {
    return this.rows<SignalRow>(
      `SELECT ${SIGNAL_COLUMNS} FROM signals s
       WHERE s.merged_into IS NULL AND ($3::timestamptz IS NULL OR s.last_seen >= $3) AND s.status = ANY($4) AND ($6::text IS NULL OR s.kind = $6)
       ORDER BY s.count DESC, s.last_seen DESC LIMIT $5`,
      [new Date(now.getTime() - 7 * DAY), new Date(now.getTime() - 14 * DAY), opts.since ?? null, opts.status ?? ALL_STATUSES, opts.limit ?? 100, opts.kind ?? null],
    );
  }

  async signal(id: number): Promise<SignalRow | undefined> {
    if (!Number.isSafeInteger(id) || id < 1 || id > 2 ** 31 - 1) return undefined;
    const [row] = await this.rows<SignalRow>(`SELECT ${SIGNAL_COLUMNS} FROM signals s WHERE s.id = $3 AND s.merged_into IS NULL`, [new Date(Date.now() - 7 * DAY), new Date(Date.now() - 14 * DAY), id]);
    return row;
  }

  async updateSignal(id: number, status: SignalStatus, note: string | null): Promise<boolean> {
    if (!Number.isSafeInteger(id) || id < 1 || id > 2 ** 31 - 1) return false;
    return ((await this.pool.query('UPDATE signals SET status = $1, note = $2 WHERE id = $3', [status, note, id])).rowCount ?? 0) > 0;
  }

  async interactions(from: Date, to: Date, limit = 100_000): Promise<InteractionRow[]> {
    return this.rows<InteractionRow>(
      `SELECT id, ${iso('at')} AS at, channel, user_hash AS "userHash", text, kind, item_id AS "itemId", field, score, latency_ms AS "latencyMs", signal_id AS "signalId"
       FROM interactions WHERE at >= $1 AND at < $2 ORDER BY at, id LIMIT $3`,
      [from, to, Math.min(limit, Number.MAX_SAFE_INTEGER)],
    );
  }

  async interactionCount(): Promise<number> {
    const [row] = await this.rows<{ n: number }>('SELECT count(*)::int AS n FROM interactions');
    return row?.n ?? 0;
  }

  /** Interactions and verdicts older than the retention period go (signal counts and examples stay). */
  /** Interactions and verdicts older than the retention period go, and the signal examples (and labels) only they still said (storage/retention.ts). */
  async purge(olderThan: Date): Promise<number> {
    return this.transaction(async (c) => {
      const gone = (await c.query('DELETE FROM interactions WHERE at < $1', [olderThan])).rowCount ?? 0;
      const verdicts = (await c.query('DELETE FROM feedback WHERE at < $1', [olderThan])).rowCount ?? 0;
      if (gone || verdicts) await pruneExamples(c);
      return gone;
    });
  }

  /** Mask again what was stored under older masking rules, once per `version` (storage/retention.ts). */
  async remask(mask: (text: string) => string, version: string): Promise<number> {
    if ((await this.meta(MASK_RULES_KEY)) === version) return 0;
    let changed = 0;
    for (const [table, column] of [['interactions', 'text'], ['feedback', 'question']] as const) {
      for (let after = 0; ; ) {
        const rows = await this.rows<{ id: number; value: string }>(`SELECT id, ${column} AS value FROM ${table} WHERE id > $1 ORDER BY id LIMIT 2000`, [after]);
        if (!rows.length) break;
        for (const r of rows) {
          const masked = mask(r.value);
          if (masked !== r.value) changed += (await this.pool.query(`UPDATE ${table} SET ${column} = $1 WHERE id = $2`, [masked, r.id])).rowCount ?? 0;
        }
        after = rows[rows.length - 1]?.id ?? after;
      }
    }
    return changed + (await this.transaction(async (c) => {
      let n = 0;
      const signals = (await c.query<SignalTexts>('SELECT id, key, label, examples FROM signals ORDER BY id FOR UPDATE')).rows;
      for (const s of signals) {
        const next = remasked(s, mask, () => false);
        if (!next) continue;
        const taken = next.key !== s.key && (await c.query('SELECT 1 FROM signals WHERE key = $1', [next.key])).rowCount;
        const key = taken ? `${next.key} #${s.id}` : next.key;
        n += (await c.query('UPDATE signals SET key = $1, label = $2, examples = $3::jsonb WHERE id = $4', [key, next.label, JSON.stringify(next.examples), s.id])).rowCount ?? 0;
      }
      for (const row of (await c.query<{ id: number; examples: string[] }>('SELECT id, examples FROM signal_corrections')).rows) {
        const examples = row.examples.map(mask);
        if (examples.some((e, i) => e !== row.examples[i])) n += (await c.query('UPDATE signal_corrections SET examples = $1::jsonb WHERE id = $2', [JSON.stringify(examples), row.id])).rowCount ?? 0;
      }
      await c.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [MASK_RULES_KEY, version]);
      return n;
    }));
  }

  async signalExamples(): Promise<(StoredSignal & { id: number })[]> {
    return this.rows('SELECT id, key, kind, item_id AS "itemId", examples FROM signals WHERE merged_into IS NULL ORDER BY first_seen, id');
  }

  async mergeSignals(id: number, otherId: number, actor: string, labels: Labels): Promise<boolean> {
    return this.transaction(async (c) => {
      const both = await pair(c, id, otherId);
      if (!both) return false;
      await mergeInto(c, both[0], both[1], 'merge', actor);
      await setLabels(c, labels);
      return true;
    });
  }

  async moveExample(fromId: number, example: string, toId: number, actor: string, labels: Labels): Promise<boolean> {
    return this.transaction(async (c) => {
      const both = await pair(c, fromId, toId);
      if (!both || !both[0].examples.includes(example)) return false;
      await moveExamples(c, both[0], both[1], [example]);
      await note(c, 'move', actor, fromId, toId, [example]);
      await setLabels(c, labels);
      return true;
    });
  }

  async splitSignal(id: number, examples: string[], actor: string, labels: (newId: number) => Labels): Promise<number | null> {
    return this.transaction(async (c) => {
      const from = await live(c, id);
      if (!from) return null;
      const chosen = [...new Set(examples)].filter((e) => from.examples.includes(e));
      if (!chosen.length || chosen.length >= from.examples.length) return null;
      let key = `${from.key} · 拆分`;
      for (let n = 2; (await c.query('SELECT 1 FROM signals WHERE key = $1', [key])).rowCount; n++) key = `${from.key} · 拆分 ${n}`;
      const { rows } = await c.query<{ id: number }>(
        `INSERT INTO signals (key, count, first_seen, last_seen, kind, item_id, examples) VALUES ($1, 0, $2, $3, $4, $5, '[]') RETURNING id`,
        [key, from.firstSeen, from.lastSeen, from.kind, from.itemId],
      );
      const newId = rows[0]?.id as number;
      await moveExamples(c, from, (await live(c, newId)) as Live, chosen);
      await note(c, 'split', actor, id, newId, chosen);
      await setLabels(c, labels(newId));
      return newId;
    });
  }

  async corrections(signalId?: number): Promise<SignalCorrection[]> {
    return this.rows(
      `SELECT id, ${iso('at')} AS at, actor, action, signal_id AS "signalId", other_id AS "otherId", examples FROM signal_corrections
       WHERE $1::int IS NULL OR signal_id = $1 OR other_id = $1 ORDER BY id DESC LIMIT 500`,
      [signalId ?? null],
    );
  }

  async itemFeedback(since: Date, worst = 3): Promise<ItemFeedback[]> {
    const rows = await this.rows<{ itemId: string; helpful: number; unhelpful: number }>(
      `SELECT item_id AS "itemId", ${count('helpful')} AS helpful, ${count('NOT helpful')} AS unhelpful FROM feedback WHERE at >= $1 GROUP BY item_id`,
      [since],
    );
    const out: ItemFeedback[] = [];
    for (const r of rows) {
      const worstOf = await this.rows<{ question: string; count: number }>(
        `SELECT question, count(*)::int AS count FROM feedback WHERE item_id = $1 AND NOT helpful AND at >= $2 GROUP BY question ORDER BY count DESC, max(at) DESC LIMIT $3`,
        [r.itemId, since, worst],
      );
      out.push({ ...r, helpfulRate: r.helpful / (r.helpful + r.unhelpful), worst: worstOf });
    }
    return out.sort((a, b) => a.helpfulRate - b.helpfulRate || b.unhelpful - a.unhelpful);
  }

  async meta(key: string): Promise<string | null> {
    return (await this.rows<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]))[0]?.value ?? null;
  }

  async regroup(plan: Regrouping): Promise<void> {
    await this.transaction(async (c) => {
      for (const { id, others } of plan.merges) {
        for (const other of others) {
          const both = await pair(c, id, other);
          if (both) await mergeInto(c, both[0], both[1], 'regroup', plan.actor);
        }
      }
      await setLabels(c, plan.labels);
      await c.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [plan.metaKey, plan.metaValue]);
    });
  }

  /** Grouping corrections run in one transaction, their signals locked. */
  private async transaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}

/** Drop every example (and label) no interaction or verdict still kept says (storage/retention.ts). */
async function pruneExamples(c: pg.PoolClient): Promise<void> {
  const signals = (await c.query<Pick<SignalTexts, 'id' | 'label' | 'examples'>>("SELECT id, label, examples FROM signals WHERE examples <> '[]'::jsonb OR label IS NOT NULL")).rows;
  const all = textsToCheck(signals);
  if (!all.length) return;
  const kept = new Set(
    (await c.query<{ text: string }>('SELECT text FROM interactions WHERE text = ANY($1) UNION SELECT question FROM feedback WHERE question = ANY($1)', [all])).rows.map((r) => r.text),
  );
  for (const s of signals) {
    const next = pruned(s, kept);
    if (next) await c.query('UPDATE signals SET examples = $1::jsonb, label = $2 WHERE id = $3', [JSON.stringify(next.examples), next.label, s.id]);
  }
}

/** A signal row as the corrections read it (the same operations as SQLite's reports). */
interface Live {
  id: number;
  key: string;
  kind: string;
  itemId: string | null;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
  examples: string[];
  mergedInto: number | null;
}

async function live(c: pg.PoolClient, id: number): Promise<Live | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2 ** 31 - 1) return undefined;
  const row = (
    await c.query<Live>(
      `SELECT id, key, kind, item_id AS "itemId", count, first_seen AS "firstSeen", last_seen AS "lastSeen", examples, merged_into AS "mergedInto"
       FROM signals WHERE id = $1 FOR UPDATE`,
      [id],
    )
  ).rows[0];
  return row && row.mergedInto === null ? row : undefined;
}

/** Both live, and of the same kind and item (an unmet demand never joins a 答非所问). */
async function pair(c: pg.PoolClient, a: number, b: number): Promise<[Live, Live] | undefined> {
  const x = await live(c, a);
  const y = await live(c, b);
  if (!x || !y || x.id === y.id || x.kind !== y.kind || x.itemId !== y.itemId) return undefined;
  return [x, y];
}

async function note(c: pg.PoolClient, action: CorrectionAction, actor: string, signalId: number, otherId: number | null, examples: string[]): Promise<void> {
  await c.query('INSERT INTO signal_corrections (at, actor, action, signal_id, other_id, examples) VALUES (now(), $1, $2, $3, $4, $5)', [actor, action, signalId, otherId, JSON.stringify(examples)]);
}

async function setLabels(c: pg.PoolClient, labels: Labels): Promise<void> {
  for (const [id, label] of Object.entries(labels)) await c.query('UPDATE signals SET label = $1 WHERE id = $2', [label, Number(id)]);
}

async function mergeInto(c: pg.PoolClient, target: Live, other: Live, action: CorrectionAction, actor: string): Promise<void> {
  await c.query('UPDATE interactions SET signal_id = $1 WHERE signal_id = $2', [target.id, other.id]);
  await c.query('UPDATE feedback SET signal_id = $1 WHERE signal_id = $2', [target.id, other.id]);
  const examples = [...target.examples, ...other.examples.filter((e) => !target.examples.includes(e))].slice(0, SIGNAL_EXAMPLES);
  await c.query('UPDATE signals SET count = count + $1, first_seen = least(first_seen, $2), last_seen = greatest(last_seen, $3), examples = $4 WHERE id = $5', [
    other.count,
    other.firstSeen,
    other.lastSeen,
    JSON.stringify(examples),
    target.id,
  ]);
  await c.query('UPDATE signals SET merged_into = $1 WHERE id = $2', [target.id, other.id]);
  await note(c, action, actor, target.id, other.id, other.examples);
}

/** Move examples (and the interactions and verdicts that said them) from one signal to another. */
async function moveExamples(c: pg.PoolClient, from: Live, to: Live, examples: string[]): Promise<void> {
  let moved = 0;
  for (const e of examples) {
    const n =
      ((await c.query('UPDATE interactions SET signal_id = $1 WHERE signal_id = $2 AND text = $3', [to.id, from.id, e])).rowCount ?? 0) +
      ((await c.query('UPDATE feedback SET signal_id = $1 WHERE signal_id = $2 AND question = $3', [to.id, from.id, e])).rowCount ?? 0);
    moved += Math.max(1, n); // purged interactions still counted once
  }
  moved = Math.min(moved, from.count);
  const left = from.examples.filter((e) => !examples.includes(e));
  const joined = [...to.examples, ...examples.filter((e) => !to.examples.includes(e))].slice(0, SIGNAL_EXAMPLES);
  await c.query('UPDATE signals SET count = count - $1, examples = $2 WHERE id = $3', [moved, JSON.stringify(left), from.id]);
  await c.query('UPDATE signals SET count = count + $1, examples = $2, first_seen = least(first_seen, $3), last_seen = greatest(last_seen, $4) WHERE id = $5', [
    moved,
    JSON.stringify(joined),
    from.firstSeen,
    from.lastSeen,
    to.id,
  ]);
  // A signal left with nothing to show goes into the one that took its last example.
  if (!left.length) await c.query('UPDATE signals SET merged_into = $1 WHERE id = $2', [to.id, from.id]);
}
