/**
 * Opening the SQLite file: WAL mode, fail-fast locking, and the schema migrations applied
 * in order (recorded in SQLite's `user_version`). Read-only opening is for reports beside
 * a running server.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Never wait on a lock while a citizen waits: a busy database fails fast and is retried.
  db.pragma('busy_timeout = 0');
  migrate(db);
  return db;
}

export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** An existing file, read-only (`npm run report`, the soak's count): throws if it is missing. */
export function openReadOnlyDatabase(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true });
}
