/**
 * The interaction log in PostgreSQL (node-postgres), for several instances sharing one
 * log. Same contract and the same write queue as the SQLite log (../write-queue.ts:
 * after the reply, a batch per transaction, one in flight, backing off while the database
 * is down, bounded in memory, every loss counted): a citizen's reply never waits for it.
 *
 * A message key (WeChat MsgId …) is unique in the table, so a retry that reached another
 * instance, or a batch written again after an unclear failure, is stored once, and counts
 * once towards its demand signal. Verdicts on answers (feedback) go in the same queue, in
 * order, one per answer (its ref is unique). Signals are counted as SQLite's log counts
 * them: a key an admin merged into another counts towards that one.
 */
import type pg from 'pg';
import { SIGNAL_EXAMPLES } from '../../signals/grouper.js';
import type { FeedbackRecord, InteractionLog, InteractionRecord, LogHealth, SignalTag } from '../types.js';
import { PartialWrite, WriteQueue, type WriteQueueOptions } from '../write-queue.js';

/** What waits to be written: exchanges and verdicts, in the order they happened. */
type Pending = { record: InteractionRecord } | { feedback: FeedbackRecord };
/** Records per transaction. */
const BATCH = 1_000;

export type PostgresLogOptions = WriteQueueOptions;

const COLUMNS = 'at, channel, user_hash, text, kind, item_id, field, score, latency_ms, message_key';

/** Plain exchanges, many rows in one statement (arrays unnested in order). */
const INSERT_MANY = `INSERT INTO interactions (${COLUMNS})
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::text[])
  ON CONFLICT (message_key) DO NOTHING`;

/** PostgreSQL text cannot hold NUL; a citizen's message can (SQLite keeps it). */
const text = <T extends string | null | undefined>(v: T): T => (typeof v === 'string' ? (v.replace(/\u0000/g, '') as T) : v);

function values(r: InteractionRecord): unknown[] {
  return [r.at, text(r.channel), text(r.userHash), text(r.text), text(r.kind), text(r.itemId), text(r.field), r.score, r.latencyMs, text(r.messageKey) ?? null];
}

/** A data error (SQLSTATE class 22, 23): this record will never go in; the database itself is fine. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

export class PostgresLog implements InteractionLog {
  private readonly queue: WriteQueue<Pending>;

  constructor(private readonly pool: pg.Pool, private readonly options: PostgresLogOptions = {}) {
    this.queue = new WriteQueue<Pending>({ batch: BATCH, write: (batch) => this.writeBatch(batch) }, options);
  }

  record(r: InteractionRecord): void {
    this.queue.push({ record: r });
  }

  feedback(f: FeedbackRecord): void {
    this.queue.push({ feedback: f });
  }

  flush(): Promise<boolean> {
    return this.queue.flush();
  }

  /** A batch in one transaction; records the database refuses for their data, one by one. */
  private async writeBatch(batch: Pending[]): Promise<number> {
    try {
      await this.insert(batch);
      return 0;
    } catch (err) {
      if (!isDataError(err)) throw err;
      return this.oneByOne(batch);
    }
  }

  /**
   * One record the database refuses for its data must not hold back the rest: each goes in
   * alone, and only those refused for their data are given up on (counted as lost).
   */
  private async oneByOne(batch: Pending[]): Promise<number> {
    let refused = 0;
    for (const [done, r] of batch.entries()) {
      try {
        await this.insert([r]);
      } catch (err) {
        if (!isDataError(err)) throw new PartialWrite(err, done, refused);
        this.options.onError?.(err); // a failed write like any other, for metrics and the log
        refused++;
      }
    }
    return refused;
  }

  /** Records in one transaction: plain exchanges in one statement, signals and verdicts one by one. */
  private async insert(batch: Pending[]): Promise<void> {
    // One row per message key within the batch too.
    const seen = new Set<string>();
    const records = batch.flatMap((p) => ('record' in p ? [p.record] : []));
    const rows = records.filter((r) => !r.messageKey || (!seen.has(r.messageKey) && seen.add(r.messageKey)));
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const plain = rows.filter((r) => !r.signalKey);
      if (plain.length) {
        const columns = Array.from({ length: 10 }, (_, i) => plain.map((r) => values(r)[i]));
        await client.query(INSERT_MANY, columns);
      }
      for (const r of rows) if (r.signalKey) await this.writeSignalRecord(client, r, r.signalKey);
      for (const p of batch) if ('feedback' in p) await this.writeFeedback(client, p.feedback);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** An exchange that is a demand signal: counted once per message key, then stored with it. */
  private async writeSignalRecord(client: pg.PoolClient, r: InteractionRecord, key: string): Promise<void> {
    if (r.messageKey && (await client.query('SELECT 1 FROM interactions WHERE message_key = $1', [text(r.messageKey)])).rowCount) return;
    const signalId = await touchSignal(client, text(key), r.signal, r.at, text(r.text));
    await client.query(`INSERT INTO interactions (${COLUMNS}, signal_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (message_key) DO NOTHING`, [...values(r), signalId]);
  }

  /** One verdict per answer: a second (a double click, a retry, another instance) is ignored. */
  private async writeFeedback(client: pg.PoolClient, f: FeedbackRecord): Promise<void> {
    if ((await client.query('SELECT 1 FROM feedback WHERE ref = $1', [text(f.ref)])).rowCount) return;
    const signalId = !f.helpful && f.signalKey ? await touchSignal(client, text(f.signalKey), f.signal, f.at, text(f.question)) : null;
    await client.query(
      `INSERT INTO feedback (at, channel, user_hash, ref, helpful, item_id, field, question, signal_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (ref) DO NOTHING`,
      [f.at, text(f.channel), text(f.userHash), text(f.ref), f.helpful, text(f.itemId), text(f.field), text(f.question), signalId],
    );
  }

  health(): LogHealth {
    return { open: !this.queue.isClosed, ...this.queue.health() };
  }

  /** Write what is queued (one try), stop retrying; the pool is the caller's to end. */
  close(): Promise<void> {
    return this.queue.close();
  }
}

/**
 * Count one occurrence towards a signal and keep its example; the signal's id. A key whose
 * signal an admin merged into another counts towards that one (as in SQLite's log). The
 * row is locked for the transaction, so two instances counting one signal add up.
 */
async function touchSignal(client: pg.PoolClient, key: string, tag: SignalTag | undefined, at: Date, example: string): Promise<number> {
  type Row = { id: number; examples: string[]; mergedInto: number | null };
  await client.query(
    `INSERT INTO signals (key, count, first_seen, last_seen, kind, item_id, label) VALUES ($1, 0, $2, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING`,
    [key, at, tag?.kind ?? 'unmet', tag?.itemId ?? null, tag?.label ?? null],
  );
  const read = async (sql: string, arg: unknown) => (await client.query<Row>(`SELECT id, examples, merged_into AS "mergedInto" FROM signals WHERE ${sql} FOR UPDATE`, [arg])).rows[0] as Row;
  let row = await read('key = $1', key);
  // The grouper's label belongs to the key's own signal, not to one it was merged into.
  const label = row.mergedInto === null ? (tag?.label ?? null) : null;
  for (let hops = 0; row.mergedInto !== null && hops < 100; hops++) row = await read('id = $1', row.mergedInto);
  const examples = row.examples.length < SIGNAL_EXAMPLES && !row.examples.includes(example) ? [...row.examples, example] : row.examples;
  await client.query(
    'UPDATE signals SET count = count + 1, last_seen = greatest(last_seen, $2), label = coalesce($3, label), examples = $4 WHERE id = $1',
    [row.id, at, label, JSON.stringify(examples)],
  );
  return row.id;
}
