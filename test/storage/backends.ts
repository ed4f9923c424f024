/**
 * The storage backends the shared storage suite runs against: SQLite (always) and
 * PostgreSQL (a throwaway cluster; skipped with a visible message when its binaries are
 * missing). Each `open()` gives a fresh, empty store.
 */
import { join } from 'node:path';
import pg from 'pg';
import { openStorage } from '../../src/storage/open.js';
import type { Storage } from '../../src/storage/types.js';
import { sqliteLog, tempDir } from '../helpers.js';
import { services, startPostgres, type PostgresCluster } from '../services.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why it cannot run here, or null. */
  missing: string | null;
  start(): Promise<void>;
  open(onError?: (err: unknown) => void): Promise<Storage>;
  /** Run SQL on the store's database from another connection (to break it on purpose). */
  sql(storage: Storage, statement: string): Promise<void>;
  stop(): Promise<void>;
}

export function sqliteBackend(): Backend {
  return {
    name: 'sqlite',
    missing: null,
    start: async () => {},
    async open(onError) {
      const path = join(tempDir(), 'log.sqlite');
      return openStorage({ dbPath: path, onError });
    },
    // The log's own connection: it sees everything written, and a rename is seen at once.
    async sql(storage, statement) {
      sqliteLog(storage.log).db.exec(statement);
    },
    stop: async () => {},
  };
}

export function postgresBackend(): Backend {
  let cluster: PostgresCluster | undefined;
  const urls = new WeakMap<Storage, string>();
  return {
    name: 'postgres',
    missing: services().postgres,
    async start() {
      cluster = await startPostgres();
    },
    async open(onError) {
      if (!cluster) throw new Error('start() first');
      const url = await cluster.createDatabase();
      const storage = await openStorage({ dbPath: '', databaseUrl: url, onError });
      urls.set(storage, url);
      return storage;
    },
    async sql(storage, statement) {
      const client = new pg.Client({ connectionString: urls.get(storage) });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    },
    async stop() {
      await cluster?.stop();
    },
  };
}

export const BACKENDS = [sqliteBackend(), postgresBackend()];

/** Backends that can run here; a visible note for each that cannot. */
export function runnable(): Backend[] {
  for (const b of BACKENDS) if (b.missing) console.warn(`SKIPPED: storage tests on ${b.name}: ${b.missing}`);
  return BACKENDS.filter((b) => !b.missing);
}
