/**
 * The interaction log in PostgreSQL (node-postgres), for several instances sharing one
 * log. Same contract as the SQLite log: `record` queues and returns at once; the queue
 * is written right after the reply has gone (setImmediate), one transaction per batch,
 * one batch in flight at a time (records arriving meanwhile make the next batch). If the
 * database is down or refuses, the batch stays queued (bounded), the failure is counted
 * and reported, and a timer retries: a citizen's reply never waits for the log.
 *
 * A message key (WeChat MsgId …) is unique in the table, so a retry that reached another
 * instance, or a batch written again after an unclear failure, is stored once, and counts
 * once towards its demand signal.
 */
import type pg from 'pg';
import type { InteractionLog, InteractionRecord, LogHealth } from '../types.js';

/** Examples kept per signal (masked messages); the same as SQLite's. */
export const SIGNAL_EXAMPLES = 5;
const MAX_PENDING = 50_000;
const RETRY_MS = 1_000;

export interface PostgresLogOptions {
  onError?: (err: unknown) => void;
}

const COLUMNS = 'at, channel, user_hash, text, kind, item_id, field, score, latency_ms, message_key';

/** Plain exchanges, many rows in one statement (arrays unnested in order). */
const INSERT_MANY = `INSERT INTO interactions (${COLUMNS})
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::text[])
  ON CONFLICT (message_key) DO NOTHING`;

/**
 * An exchange that is a demand signal: the signal counted (and the message kept as an
 * example, up to five) only if this message key is not stored yet, then the exchange.
 */
const INSERT_SIGNAL = `WITH sig AS (
    INSERT INTO signals (key, count, first_seen, last_seen, examples)
    SELECT $11, 1, $1, $1, jsonb_build_array($4::text)
    WHERE $10::text IS NULL OR NOT EXISTS (SELECT 1 FROM interactions WHERE message_key = $10)
    ON CONFLICT (key) DO UPDATE SET
      count = signals.count + 1,
      last_seen = greatest(signals.last_seen, excluded.last_seen),
      examples = CASE WHEN jsonb_array_length(signals.examples) < ${SIGNAL_EXAMPLES} AND NOT signals.examples @> jsonb_build_array($4::text)
                      THEN signals.examples || jsonb_build_array($4::text) ELSE signals.examples END
    RETURNING id
  )
  INSERT INTO interactions (${COLUMNS}, signal_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, (SELECT id FROM sig))
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
  private readonly pending: InteractionRecord[] = [];
  private scheduled = false;
  private inFlight: Promise<boolean> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private stats = { writeFailures: 0, dropped: 0, written: 0, reopened: 0 };

  constructor(private readonly pool: pg.Pool, private readonly options: PostgresLogOptions = {}) {}

  record(r: InteractionRecord): void {
    if (this.closed) return;
    this.pending.push(r);
    if (this.pending.length > MAX_PENDING) {
      this.pending.shift();
      this.stats.dropped++;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
  }

  /** Write what is queued now (after any batch already in flight). */
  async flush(): Promise<boolean> {
    while (this.inFlight) await this.inFlight;
    if (!this.pending.length) return true;
    this.inFlight = this.writeBatch().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async writeBatch(): Promise<boolean> {
    const batch = this.pending.slice();
    try {
      await this.insert(batch);
      this.pending.splice(0, batch.length);
      this.stats.written += batch.length;
      return true;
    } catch (err) {
      this.stats.writeFailures++;
      this.options.onError?.(err);
      if (isDataError(err)) return this.oneByOne(batch);
      this.retryLater();
      return false;
    }
  }

  /**
   * One record the database refuses for its data must not hold back the rest: each goes in
   * alone, and only those refused for their data are given up on (counted as dropped).
   */
  private async oneByOne(batch: InteractionRecord[]): Promise<boolean> {
    let done = 0;
    for (const r of batch) {
      try {
        await this.insert([r]);
        this.stats.written++;
      } catch (err) {
        if (!isDataError(err)) {
          this.pending.splice(0, done);
          this.retryLater();
          return false;
        }
        this.stats.dropped++;
        this.options.onError?.(err);
      }
      done++;
    }
    this.pending.splice(0, batch.length);
    return true;
  }

  /** Records in one transaction: plain exchanges in one statement, signals one by one. */
  private async insert(batch: InteractionRecord[]): Promise<void> {
    // One row per message key within the batch too.
    const seen = new Set<string>();
    const rows = batch.filter((r) => !r.messageKey || (!seen.has(r.messageKey) && seen.add(r.messageKey)));
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const plain = rows.filter((r) => !r.signalKey);
      if (plain.length) {
        const columns = Array.from({ length: 10 }, (_, i) => plain.map((r) => values(r)[i]));
        await client.query(INSERT_MANY, columns);
      }
      for (const r of rows) if (r.signalKey) await client.query(INSERT_SIGNAL, [...values(r), text(r.signalKey)]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  private retryLater(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  health(): LogHealth {
    return { open: !this.closed, pending: this.pending.length, ...this.stats };
  }

  /** Write what is queued (one try), stop retrying; the pool is the caller's to end. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }
}
