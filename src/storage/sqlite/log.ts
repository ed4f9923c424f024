/**
 * The interaction log in SQLite (better-sqlite3): one file under DATA_DIR, WAL mode.
 *
 * Writes go through the shared write queue (../write-queue.ts: after the reply, in batches,
 * backing off while the database is locked, read-only, full or gone, bounded in memory).
 * Records carry a unique message key where the channel has one, so a retried batch is
 * never stored twice. A deleted or replaced file is opened anew. better-sqlite3 is
 * synchronous: a batch is one transaction, written as soon as the queue asks.
 */
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import type { FeedbackRecord, InteractionLog, InteractionRecord, LogHealth, SignalTag } from '../types.js';
import { WriteQueue, type WriteQueueOptions } from '../write-queue.js';
import { openDatabase } from './database.js';
import { SIGNAL_EXAMPLES } from '../../signals/grouper.js';

export { MAX_PENDING, type LogStateChange } from '../write-queue.js';

/** What waits to be written: exchanges and verdicts, in the order they happened. */
type Pending = { record: InteractionRecord } | { feedback: FeedbackRecord };
/** Records per transaction: a long queue (after a failure) is written in steps, replies in between. */
const BATCH = 1_000;

export type SqliteLogOptions = WriteQueueOptions;

/** A lock passes by itself: retried at the base rate, without backing off. */
function isLock(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'));
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
  private readonly queue: WriteQueue<Pending>;
  private conn: Database.Database;
  private stmts: ReturnType<typeof prepare>;
  private ino: number | null;

  /** `path`: the file, when the log should reopen it if it is deleted while running. */
  constructor(db: Database.Database, private readonly options: SqliteLogOptions & { path?: string } = {}) {
    this.conn = db;
    this.stmts = prepare(db);
    this.ino = inode(options.path);
    this.queue = new WriteQueue<Pending>({ batch: BATCH, transient: isLock, write: (batch) => this.writeBatch(batch) }, options);
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
    this.queue.stats.reopened++;
  }

  record(r: InteractionRecord): void {
    this.queue.push({ record: r });
  }

  feedback(r: FeedbackRecord): void {
    this.queue.push({ feedback: r });
  }

  flush(): Promise<boolean> {
    return this.queue.flush();
  }

  /** One batch in one transaction; throws (and the queue keeps it) when the database refuses. */
  private writeBatch(batch: Pending[]): number {
    this.reopenIfGone();
    this.conn.transaction(() => {
      for (const p of batch) {
        if ('record' in p) this.write(p.record);
        else this.writeFeedback(p.feedback);
      }
    })();
    return 0;
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
    return { open: this.conn.open && !this.queue.isClosed, ...this.queue.health() };
  }

  async close(): Promise<void> {
    if (this.queue.isClosed) return;
    await this.queue.close();
    if (this.conn.open) this.conn.close();
  }
}
