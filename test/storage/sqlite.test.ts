/**
 * What only the SQLite log has: WAL mode and its migrations, a locked or read-only file,
 * the file itself. The behaviour every backend shares is in log.test.ts.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteLog } from '../../src/storage/sqlite/log.js';
import { MIGRATIONS } from '../../src/storage/sqlite/migrations.js';
import { SqliteReports } from '../../src/storage/sqlite/reports.js';
import { cleanTemps, tempDir, unmetRecord } from '../helpers.js';

afterAll(cleanTemps);

const rec = unmetRecord;

describe('SqliteLog', () => {
  test('migrates a new file to the latest schema in WAL mode', async () => {
    const path = join(tempDir(), 'a.sqlite');
    const log = SqliteLog.open(path);
    expect(log.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(log.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    await log.close();
    // Re-opening does not re-run migrations.
    await SqliteLog.open(path).close();
  });

  test('a file from before accounts (schema 1) gains the accounts and audit tables, its data kept', async () => {
    const path = join(tempDir(), 'old.sqlite');
    const old = new Database(path);
    old.exec(MIGRATIONS[0] ?? '');
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO signals (key, first_seen, last_seen) VALUES ('旧信号', 'x', 'x')").run();
    old.close();
    const log = SqliteLog.open(path);
    expect(log.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(log.db.prepare('SELECT count(*) AS n FROM staff_users').get()).toEqual({ n: 0 });
    expect(log.db.prepare('SELECT key FROM signals').get()).toEqual({ key: '旧信号' });
    await log.close();
  });

  test('a locked database: no throw, failure counted, records kept and written once it is free', async () => {
    const path = join(tempDir(), 'd.sqlite');
    const log = SqliteLog.open(path, { onError: () => {} });
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    log.record(rec({ messageKey: 'k1' }));
    expect(await log.flush()).toBe(false);
    expect(log.health()).toMatchObject({ pending: 1, writeFailures: 1 });
    other.exec('COMMIT');
    other.close();
    expect(await log.flush()).toBe(true);
    expect(await log.flush()).toBe(true);
    expect(await new SqliteReports(log).interactionCount()).toBe(1);
    expect(log.health().pending).toBe(0);
    await log.close();
  });

  test('a read-only database file: recording never throws', async () => {
    const dir = tempDir();
    const path = join(dir, 'e.sqlite');
    await SqliteLog.open(path).close();
    chmodSync(path, 0o444);
    const errors: unknown[] = [];
    const log = new SqliteLog(new Database(path, { readonly: true }), { onError: (e) => errors.push(e) });
    expect(() => log.record(rec())).not.toThrow();
    expect(await log.flush()).toBe(false);
    expect(errors.length).toBe(1);
    await log.close();
  });

  test('the text stored is what the engine gives it (masking is the engine’s job, tested there)', async () => {
    const path = join(tempDir(), 'f.sqlite');
    const log = SqliteLog.open(path);
    log.record(rec({ text: '[身份证号] 丢了' }));
    await log.close();
    expect(readFileSync(path).includes(Buffer.from('[身份证号]'))).toBe(true);
  });
});
