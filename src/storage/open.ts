/**
 * Opening storage and shared state: the one place that knows which implementation serves.
 * The log, accounts and audit trail are SQLite (one file under DATA_DIR) unless
 * DATABASE_URL names a PostgreSQL database; shared state is in memory (one process)
 * unless REDIS_URL names a Redis. The PostgreSQL and Redis modules (and their client libraries)
 * are loaded only when named: a single instance starts without them (about 50 ms of a cold start).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { MemoryAdminSessions } from './memory/admin-sessions.js';
import { MemoryContinuations } from './memory/continuations.js';
import { memoryLease, MemoryKnowledgeVersions } from './memory/knowledge.js';
import { MemoryReplyDedupe } from './memory/replies.js';
import { MemorySessionStore } from './memory/sessions.js';
import type { SharedState } from './shared.js';
import { SqliteAccounts } from './sqlite/accounts.js';
import { SqliteAudit } from './sqlite/audit.js';
import { openReadOnlyDatabase } from './sqlite/database.js';
import { SqliteLog, type SqliteLogOptions } from './sqlite/log.js';
import { SqliteReports } from './sqlite/reports.js';
import type { Reports, Storage } from './types.js';

export { MAX_PENDING } from './write-queue.js';

/** How the log reports trouble and how much it keeps while the database refuses it (either backend). */
export type LogOptions = Omit<SqliteLogOptions, 'onError'>;

export interface StorageOptions extends LogOptions {
  /** The SQLite file (DATA_DIR/wenzheng.sqlite), used when no database URL is given. */
  dbPath: string;
  /** A PostgreSQL URL (DATABASE_URL): the log every instance shares. */
  databaseUrl?: string;
  /** Told about every failed log write (the records are kept and retried). */
  onError?: (err: unknown) => void;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl) {
    const [{ createPool, migrate, sharedSetting }, { PostgresLog }, { PostgresReports }, { PostgresAccounts }, { PostgresAudit }] = await Promise.all([
      import('./postgres/database.js'),
      import('./postgres/log.js'),
      import('./postgres/reports.js'),
      import('./postgres/accounts.js'),
      import('./postgres/audit.js'),
    ]);
    const pool = createPool(options.databaseUrl, { onError: options.onError });
    try {
      await migrate(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    const { dbPath: _file, databaseUrl: _url, ...logOptions } = options;
    const log = new PostgresLog(pool, logOptions);
    return {
      log,
      reports: new PostgresReports(pool),
      accounts: new PostgresAccounts(pool),
      audit: new PostgresAudit(pool),
      sharedSetting: (name, create) => sharedSetting(pool, name, create),
      close: async () => {
        await log.close();
        await pool.end();
      },
    };
  }
  const { dbPath, databaseUrl: _none, ...logOptions } = options;
  const log = SqliteLog.open(dbPath, logOptions);
  return { log, reports: new SqliteReports(log), accounts: new SqliteAccounts(log), audit: new SqliteAudit(log), close: () => log.close() };
}

/** The read side alone, on an existing store (`npm run report`, the soak's count); SQLite read-only. */
export async function openReports(options: Pick<StorageOptions, 'dbPath' | 'databaseUrl'>): Promise<{ reports: Reports; close(): Promise<void> }> {
  if (options.databaseUrl) {
    const [{ createPool }, { PostgresReports }] = await Promise.all([import('./postgres/database.js'), import('./postgres/reports.js')]);
    const pool = createPool(options.databaseUrl, { max: 2 });
    return { reports: new PostgresReports(pool), close: () => pool.end() };
  }
  const db = openReadOnlyDatabase(options.dbPath);
  return { reports: new SqliteReports({ db }), close: async () => void db.close() };
}

/** A new random secret (for the user-hash secret kept in a shared database). */
export const newSecret = () => randomBytes(32).toString('hex');

export interface SharedStateOptions {
  /** A Redis URL (REDIS_URL): state every instance shares. Unset: in this process's memory. */
  redisUrl?: string;
  /** The user-hash secret: Redis keys are keyed hashes of the raw ids (required with redisUrl). */
  secret?: string;
  /** A conversation (its topic, the unsent parts of a long reply) is forgotten after this idle time. */
  sessionIdleMinutes: number;
  /** Sessions kept at most in one process (the least recently used go first). */
  maxSessions?: number;
  /** How long the reply to a message id is kept for the platform's retries. */
  replyTtlMs?: number;
  /** The clock admin sessions expire by (tests move it on; in memory only). */
  now?: () => number;
  /** Told about connection errors (Redis reconnects by itself). */
  onError?: (err: unknown) => void;
}

/** WeChat retries within about 15 s; a minute covers that with room to spare. */
const REPLY_TTL_MS = 60_000;

/** This instance's name: host and process, unique enough among a deployment's instances. */
export const instanceName = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export async function openSharedState(options: SharedStateOptions): Promise<SharedState> {
  const instance = instanceName();
  const replyTtlMs = options.replyTtlMs ?? REPLY_TTL_MS;
  if (options.redisUrl) {
    if (!options.secret) throw new Error('shared state in Redis needs the user-hash secret (its keys are hashes)');
    const { openRedisState } = await import('./redis/open.js');
    return openRedisState({ url: options.redisUrl, secret: options.secret, instance, sessionIdleMinutes: options.sessionIdleMinutes, replyTtlMs, onError: options.onError });
  }
  const idleMs = options.sessionIdleMinutes * 60_000;
  return {
    kind: 'memory',
    instance,
    sessions: new MemorySessionStore({ idleMinutes: options.sessionIdleMinutes, maxSessions: options.maxSessions ?? 100_000 }),
    replies: new MemoryReplyDedupe({ ttlMs: replyTtlMs }),
    continuations: new MemoryContinuations({ ttlMs: idleMs }),
    adminSessions: new MemoryAdminSessions({ now: options.now }),
    knowledge: new MemoryKnowledgeVersions(instance),
    lease: () => memoryLease(),
    close: async () => {},
  };
}
