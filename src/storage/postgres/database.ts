/**
 * Connecting to PostgreSQL (node-postgres): a small pool per instance, and the schema
 * migrations applied under an advisory lock so instances starting together agree.
 */
import pg from 'pg';
import { MIGRATIONS } from './migrations.js';

/** Any number: the advisory lock that serialises migrations between instances. */
const MIGRATION_LOCK = 1_826_118;

export interface PoolOptions {
  /** Connections per instance (default 5: writes are batched, reads are the admin's). */
  max?: number;
  /** Told about errors of idle connections (a restarted server …); the pool reconnects. */
  onError?: (err: unknown) => void;
}

export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 5, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // An idle client's error (the server restarted) must not crash the process.
  pool.on('error', (err) => options.onError?.(err));
  return pool;
}

/** Apply the migrations this database lacks; returns the schema version. */
export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return Math.max(0, ...MIGRATIONS.map((m) => m.version));
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

/** A setting every instance shares: the stored value, or `create()`'s stored first (one wins a race). */
export async function sharedSetting(pool: pg.Pool, name: string, create: () => string): Promise<string> {
  await pool.query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, create()]);
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [name]);
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`setting ${name} is missing after it was stored`);
  return value;
}
