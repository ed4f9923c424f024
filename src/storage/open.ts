/**
 * Opening storage: the one place that knows which implementation serves. Today that is
 * always SQLite, one file under DATA_DIR; a shared database (PostgreSQL when DATABASE_URL
 * is set) is chosen here too, which is why opening is asynchronous.
 */
import { openReadOnlyDatabase } from './sqlite/database.js';
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
  return { log, reports: new SqliteReports(log), close: () => log.close() };
}

/** The read side alone, on an existing store, read-only (`npm run report`, the soak's count). */
export async function openReports(options: Pick<StorageOptions, 'dbPath'>): Promise<{ reports: Reports; close(): Promise<void> }> {
  const db = openReadOnlyDatabase(options.dbPath);
  return { reports: new SqliteReports({ db }), close: async () => void db.close() };
}
