/**
 * Opening storage and shared state: the one place that knows which implementation serves.
 * Today that is SQLite (one file under DATA_DIR) and memory (one process); shared ones
 * (PostgreSQL when DATABASE_URL is set, Redis when REDIS_URL is) are chosen here too,
 * which is why opening is asynchronous.
 */
import { MemoryAdminSessions } from './memory/admin-sessions.js';
import { MemoryContinuations } from './memory/continuations.js';
import { MemoryReplyDedupe } from './memory/replies.js';
import { MemorySessionStore } from './memory/sessions.js';
import type { SharedState } from './shared.js';
import { openReadOnlyDatabase } from './sqlite/database.js';
import { SqliteAccounts } from './sqlite/accounts.js';
import { SqliteAudit } from './sqlite/audit.js';
import { SqliteLog } from './sqlite/log.js';
import { SqliteReports } from './sqlite/reports.js';
import type { Reports, Storage } from './types.js';

export interface StorageOptions {
  /** The SQLite file (DATA_DIR/wenzheng.sqlite). */
  dbPath: string;
  /** Told about every failed log write (the records are kept and retried). */
  onError?: (err: unknown) => void;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  const log = SqliteLog.open(options.dbPath, { onError: options.onError });
  return { log, reports: new SqliteReports(log), accounts: new SqliteAccounts(log), audit: new SqliteAudit(log), close: () => log.close() };
}

/** The read side alone, on an existing store, read-only (`npm run report`, the soak's count). */
export async function openReports(options: Pick<StorageOptions, 'dbPath'>): Promise<{ reports: Reports; close(): Promise<void> }> {
  const db = openReadOnlyDatabase(options.dbPath);
  return { reports: new SqliteReports({ db }), close: async () => void db.close() };
}

export interface SharedStateOptions {
  /** A conversation (its topic, the unsent parts of a long reply) is forgotten after this idle time. */
  sessionIdleMinutes: number;
  /** Sessions kept at most in one process (the least recently used go first). */
  maxSessions?: number;
  /** How long the reply to a message id is kept for the platform's retries. */
  replyTtlMs?: number;
  /** The clock admin sessions expire by (tests move it on). */
  now?: () => number;
}

/** WeChat retries within about 15 s; a minute covers that with room to spare. */
const REPLY_TTL_MS = 60_000;

export async function openSharedState(options: SharedStateOptions): Promise<SharedState> {
  const idleMs = options.sessionIdleMinutes * 60_000;
  return {
    sessions: new MemorySessionStore({ idleMinutes: options.sessionIdleMinutes, maxSessions: options.maxSessions ?? 100_000 }),
    replies: new MemoryReplyDedupe({ ttlMs: options.replyTtlMs ?? REPLY_TTL_MS }),
    continuations: new MemoryContinuations({ ttlMs: idleMs }),
    adminSessions: new MemoryAdminSessions({ now: options.now }),
    close: async () => {},
  };
}
