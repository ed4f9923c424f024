/**
 * The interaction log in SQLite (better-sqlite3): one file under DATA_DIR, WAL mode.
 *
 * Writes are queued and flushed right after the reply has gone (setImmediate), in one
 * transaction per batch. If the database is locked, read-only, full or gone, the batch
 * stays queued (bounded), the failure is counted and logged, and a timer retries: a
 * citizen's reply never waits for, or fails because of, the log. Records carry a unique
 * message key where the channel has one, so a retried batch is never stored twice.
 * better-sqlite3 is synchronous: the interface's Promises resolve as soon as the write
 * (or its failure) is done.
 */
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import type { InteractionLog, InteractionRecord, LogHealth } from '../types.js';
import { openDatabase } from './database.js';

/** Examples kept per signal (masked messages). */
export const SIGNAL_EXAMPLES = 5;
const MAX_PENDING = 50_000;
const RETRY_MS = 1_000;

export interface SqliteLogOptions {
  /** Called when a write fails (for the logger and metrics). */
  onError?: (err: unknown) => void;
}

/** Prepared statements of one connection. */
function prepare(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT OR IGNORE INTO interactions (at, channel, user_hash, text, kind, item_id, field, score, latency_ms, signal_id, message_key)
       VALUES (@at, @channel, @userHash, @text, @kind, @itemId, @field, @score, @latencyMs, @signalId, @messageKey)`,
    ),
    upsertSignal: db.prepare(
      `INSERT INTO signals (key, count, first_seen, last_seen) VALUES (@key, 1, @at, @at)
       ON CONFLICT(key) DO UPDATE SET count = count + 1, last_seen = max(last_seen, excluded.last_seen)`,
    ),
    readSignal: db.prepare('SELECT id, examples FROM signals WHERE key = ?'),
    writeExamples: db.prepare('UPDATE signals SET examples = ? WHERE id = ?'),
    findKey: db.prepare('SELECT 1 FROM interactions WHERE message_key = ?'),
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
  private readonly pending: InteractionRecord[] = [];
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | undefined;
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
        this.writePending();
      });
    }
  }

  async flush(): Promise<boolean> {
    return this.writePending();
  }

  /** Write the queue in one transaction; on failure keep it and retry on a timer. */
  private writePending(): boolean {
    if (!this.pending.length) return true;
    const batch = this.pending.slice();
    try {
      this.reopenIfGone();
      this.conn.transaction(() => {
        for (const r of batch) this.write(r);
      })();
      this.pending.splice(0, batch.length);
      this.stats.written += batch.length;
      return true;
    } catch (err) {
      this.stats.writeFailures++;
      this.options.onError?.(err);
      if (!this.retryTimer && !this.closed) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.writePending();
        }, RETRY_MS);
        this.retryTimer.unref();
      }
      return false;
    }
  }

  private write(r: InteractionRecord): void {
    const at = r.at.toISOString();
    let signalId: number | null = null;
    // A retried message (same key) must not count twice towards its signal either.
    const { insert, upsertSignal, readSignal, writeExamples, findKey } = this.stmts;
    if (r.messageKey && findKey.get(r.messageKey)) return;
    if (r.signalKey) {
      upsertSignal.run({ key: r.signalKey, at });
      const row = readSignal.get(r.signalKey) as { id: number; examples: string };
      signalId = row.id;
      const examples = JSON.parse(row.examples) as string[];
      if (examples.length < SIGNAL_EXAMPLES && !examples.includes(r.text)) {
        writeExamples.run(JSON.stringify([...examples, r.text]), row.id);
      }
    }
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

  health(): LogHealth {
    return { open: this.conn.open && !this.closed, pending: this.pending.length, ...this.stats };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.writePending();
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.conn.open) this.conn.close();
  }
}
