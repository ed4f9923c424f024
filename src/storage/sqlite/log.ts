/**
 * The interaction log in SQLite (better-sqlite3): one file under DATA_DIR, WAL mode.
 *
 * Writes are queued and flushed right after the reply has gone (setImmediate), in one
 * transaction per batch. If the database is locked, read-only, full or gone, the batch
 * stays queued and a timer retries: a citizen's reply never waits for, or fails because
 * of, the log. Records carry a unique message key where the channel has one, so a retried
 * batch is never stored twice.
 *
 * While writes fail the log backs off: nothing is attempted per message, only the timer
 * retries — after 1 s, then twice as long each time up to 30 s (a lock is retried every
 * second: it passes). The change of state is reported once each way (failing, writing
 * again), never once per failure: a full disk must not fill up with stack traces. The
 * queue is bounded in memory (`maxPending`); past it the oldest records are given up —
 * the one case where records are lost — and counted (health().dropped, onLost).
 * better-sqlite3 is synchronous: the interface's Promises resolve as soon as the write
 * (or its failure) is done.
 */
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import type { FeedbackRecord, InteractionLog, InteractionRecord, LogHealth, SignalTag } from '../types.js';
import { openDatabase } from './database.js';
import { SIGNAL_EXAMPLES } from '../../signals/grouper.js';

/** What waits to be written: exchanges and verdicts, in the order they happened. */
type Pending = { record: InteractionRecord } | { feedback: FeedbackRecord };
/** Records kept in memory while the database refuses them (each holds at most 2,000 characters). */
export const MAX_PENDING = 20_000;
/** Records per transaction: a long queue (after a failure) is written in steps, replies in between. */
const BATCH = 1_000;
const RETRY_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** The log stopped writing, or writes again: reported once per change. */
export type LogStateChange =
  | { state: 'failing'; error: unknown; pending: number }
  | { state: 'writing'; failedForMs: number; written: number; lost: number };

export interface SqliteLogOptions {
  /** Every failed write attempt (for metrics). */
  onError?: (err: unknown) => void;
  /** The log stopped writing, or writes again (for one log line each). */
  onStateChange?: (change: LogStateChange) => void;
  /** Records given up because the queue was full (for metrics). */
  onLost?: (count: number) => void;
  /** Records kept in memory at most (default MAX_PENDING). */
  maxPending?: number;
  /** First retry delay; doubles up to `retryMaxMs` while the failure is not a lock. */
  retryMs?: number;
  retryMaxMs?: number;
}

/** A lock passes by itself: retried at the base rate, without backing off. */
function isLock(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'));
}

/** A failure in a few words for the dashboard ("SQLITE_FULL: database or disk is full"), no stack. */
function describe(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

/** Prepared statements of one connection. */
function prepare(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT OR IGNORE INTO interactions (at, channel, user_hash, text, kind, item_id, field, score, latency_ms, signal_id, message_key)
       VALUES (@at, @channel, @userHash, @text, @kind, @itemId, @field, @score, @latencyMs, @signalId, @messageKey)`,
    ),
    insertSignal: db.prepare(
      `INSERT INTO signals (key, count, first_seen, last_seen, kind, item_id, label) VALUES (@key, 1, @at, @at, @kind, @itemId, @label)`,
    ),
    countSignal: db.prepare('UPDATE signals SET count = count + 1, last_seen = max(last_seen, @at), label = coalesce(@label, label) WHERE id = @id'),
    readSignal: db.prepare('SELECT id, examples, merged_into AS mergedInto FROM signals WHERE key = ?'),
    readSignalById: db.prepare('SELECT id, examples, merged_into AS mergedInto FROM signals WHERE id = ?'),
    writeExamples: db.prepare('UPDATE signals SET examples = ? WHERE id = ?'),
    findKey: db.prepare('SELECT 1 FROM interactions WHERE message_key = ?'),
    insertFeedback: db.prepare(
      `INSERT OR IGNORE INTO feedback (at, channel, user_hash, ref, helpful, item_id, field, question, signal_id)
       VALUES (@at, @channel, @userHash, @ref, @helpful, @itemId, @field, @question, @signalId)`,
    ),
    findFeedback: db.prepare('SELECT 1 FROM feedback WHERE ref = ?'),
  };
}

/** The file's identity, to notice it was deleted or replaced under us. */
function inode(path: string | undefined): number | null {
  if (!path) return null;
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

export class SqliteLog implements InteractionLog {
  private readonly pending: Pending[] = [];
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Since when writes fail (null: they work), the failures in a row, and what was lost meanwhile. */
  private failing: { since: number; attempts: number; writtenBefore: number; droppedBefore: number; error: string } | null = null;
  private closed = false;
  private stats = { writeFailures: 0, dropped: 0, written: 0, reopened: 0 };
  private conn: Database.Database;
  private stmts: ReturnType<typeof prepare>;
  private ino: number | null;

  /** `path`: the file, when the log should reopen it if it is deleted while running. */
  constructor(db: Database.Database, private readonly options: SqliteLogOptions & { path?: string } = {}) {
    this.conn = db;
    this.stmts = prepare(db);
    this.ino = inode(options.path);
  }

  /** The current connection (it changes if the file had to be reopened). */
  get db(): Database.Database {
    return this.conn;
  }

  static open(path: string, options?: SqliteLogOptions): SqliteLog {
    return new SqliteLog(openDatabase(path), { ...options, path: path === ':memory:' ? undefined : path });
  }

  /** Deleted or replaced under the running server: open (and migrate) the file anew. */
  private reopenIfGone(): void {
    const path = this.options.path;
    if (!path || inode(path) === this.ino) return;
    const db = openDatabase(path);
    try {
      this.conn.close();
    } catch {
      // The old handle points at a deleted file; nothing to save there.
    }
    this.conn = db;
    this.stmts = prepare(db);
    this.ino = inode(path);
    this.stats.reopened++;
  }

  record(r: InteractionRecord): void {
    this.enqueue({ record: r });
  }

  feedback(r: FeedbackRecord): void {
    this.enqueue({ feedback: r });
  }

  private enqueue(p: Pending): void {
    if (this.closed) return;
    this.pending.push(p);
    if (this.pending.length > (this.options.maxPending ?? MAX_PENDING)) {
      this.pending.shift();
      this.stats.dropped++;
      this.options.onLost?.(1);
    }
    this.schedule(); // while failing, only the retry timer writes: no attempt per message
  }

  async flush(): Promise<boolean> {
    while (this.pending.length) if (!this.writePending()) return false;
    return true;
  }

  /** Write the next batch in one transaction (and schedule the rest); on failure keep it and retry on a timer. */
  private writePending(): boolean {
    if (!this.pending.length) return true;
    const batch = this.pending.slice(0, BATCH);
    try {
      this.reopenIfGone();
      this.conn.transaction(() => {
        for (const p of batch) {
          if ('record' in p) this.write(p.record);
          else this.writeFeedback(p.feedback);
        }
      })();
      this.pending.splice(0, batch.length);
      this.stats.written += batch.length;
      this.recovered();
      if (this.pending.length) this.schedule();
      return true;
    } catch (err) {
      this.failed(err);
      return false;
    }
  }

  private failed(err: unknown): void {
    this.stats.writeFailures++;
    this.options.onError?.(err);
    if (!this.failing) {
      this.failing = { since: Date.now(), attempts: 0, writtenBefore: this.stats.written, droppedBefore: this.stats.dropped, error: describe(err) };
      this.options.onStateChange?.({ state: 'failing', error: err, pending: this.pending.length });
    }
    this.failing.attempts++;
    this.failing.error = describe(err);
    if (this.retryTimer || this.closed) return;
    const base = this.options.retryMs ?? RETRY_MS;
    const delay = isLock(err) ? base : Math.min(this.options.retryMaxMs ?? RETRY_MAX_MS, base * 2 ** (this.failing.attempts - 1));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.writePending();
    }, delay);
    this.retryTimer.unref();
  }

  private recovered(): void {
    if (!this.failing) return;
    const { since, writtenBefore, droppedBefore } = this.failing;
    this.failing = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.options.onStateChange?.({ state: 'writing', failedForMs: Date.now() - since, written: this.stats.written - writtenBefore, lost: this.stats.dropped - droppedBefore });
  }

  /** Write soon (after the replies of this turn of the event loop have gone). */
  private schedule(): void {
    if (this.scheduled || this.failing || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.writePending();
    });
  }

  /**
   * Count one occurrence towards a signal and keep its example; returns the signal's id.
   * A key whose signal an admin merged into another counts towards that one.
   */
  private touchSignal(key: string, tag: SignalTag | undefined, at: string, example: string): number {
    const { insertSignal, countSignal, readSignal, readSignalById, writeExamples } = this.stmts;
    type Row = { id: number; examples: string; mergedInto: number | null };
    let row = readSignal.get(key) as Row | undefined;
    if (!row) {
      insertSignal.run({ key, at, kind: tag?.kind ?? 'unmet', itemId: tag?.itemId ?? null, label: tag?.label ?? null });
      row = readSignal.get(key) as Row;
    } else {
      // The grouper's label belongs to the key's own signal, not to one it was merged into.
      const label = row.mergedInto === null ? (tag?.label ?? null) : null;
      for (let hops = 0; row.mergedInto !== null && hops < 100; hops++) row = readSignalById.get(row.mergedInto) as Row;
      countSignal.run({ id: row.id, at, label });
    }
    const examples = JSON.parse(row.examples) as string[];
    if (examples.length < SIGNAL_EXAMPLES && !examples.includes(example)) {
      writeExamples.run(JSON.stringify([...examples, example]), row.id);
    }
    return row.id;
  }

  private write(r: InteractionRecord): void {
    const at = r.at.toISOString();
    // A retried message (same key) must not count twice towards its signal either.
    const { insert, findKey } = this.stmts;
    if (r.messageKey && findKey.get(r.messageKey)) return;
    const signalId = r.signalKey ? this.touchSignal(r.signalKey, r.signal, at, r.text) : null;
    insert.run({
      at,
      channel: r.channel,
      userHash: r.userHash,
      text: r.text,
      kind: r.kind,
      itemId: r.itemId,
      field: r.field,
      score: r.score,
      latencyMs: r.latencyMs,
      signalId,
      messageKey: r.messageKey ?? null,
    });
  }

  /** One verdict per answer: a second (a double click, a retry) is ignored. */
  private writeFeedback(f: FeedbackRecord): void {
    const { insertFeedback, findFeedback } = this.stmts;
    if (findFeedback.get(f.ref)) return;
    const at = f.at.toISOString();
    const signalId = !f.helpful && f.signalKey ? this.touchSignal(f.signalKey, f.signal, at, f.question) : null;
    insertFeedback.run({
      at,
      channel: f.channel,
      userHash: f.userHash,
      ref: f.ref,
      helpful: f.helpful ? 1 : 0,
      itemId: f.itemId,
      field: f.field,
      question: f.question,
      signalId,
    });
  }

  health(): LogHealth {
    const failing = this.failing ? { since: new Date(this.failing.since).toISOString(), error: this.failing.error } : null;
    return { open: this.conn.open && !this.closed, pending: this.pending.length, ...this.stats, failing };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.conn.open) this.conn.close();
  }
}
