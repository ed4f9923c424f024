/**
 * Opening the SQLite file: WAL mode, fail-fast locking, and the schema migrations applied
 * in order (recorded in SQLite's `user_version`). Read-only opening is for reports beside
 * a running server.
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, tightenIfExists } from '../../config/private-files.js';
import { MIGRATIONS } from './migrations.js';

export function openDatabase(path: string): Database.Database {
  const onDisk = path !== ':memory:';
  if (onDisk) {
    // The folder 700 and the file 600 before SQLite writes; its -wal and -shm files take
    // the database file's permissions.
    ensurePrivateDir(dirname(path));
    ensurePrivateFile(path);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  if (onDisk) for (const suffix of ['-wal', '-shm']) tightenIfExists(path + suffix);
  db.pragma('synchronous = NORMAL');
  // Deleted and overwritten rows are zeroed on disk, not left in free pages: purged and
  // re-masked texts must not linger in the file.
  db.pragma('secure_delete = ON');
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
