/**
 * Admins correct the grouping (merge, move an example, split), kept with who and when; the
 * one-time migration regroups signals stored with the old bag-of-words keys. Real SQLite
 * files, a real engine.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startSignals, syncSignals } from '../../src/engine/signals.js';
import { REGROUPED } from '../../src/signals/regroup.js';
import { MIGRATIONS } from '../../src/storage/sqlite/migrations.js';
import { SqliteLog } from '../../src/storage/sqlite/log.js';
import { SqliteReports } from '../../src/storage/sqlite/reports.js';
import { cleanTemps, tempDir, testEngine, unmetRecord } from '../helpers.js';

afterAll(cleanTemps);

describe('corrections', () => {
  test('merge, move and split change counts, examples and labels, and are kept with who and when', async () => {
    const t = testEngine();
    const ask = (q: string) => t.ask(q, 'corrections');
    for (const q of ['养狗要办证吗', '狗证在哪里办', '护照丢了怎么补', '电动车怎么上牌']) expect((await ask(q)).kind).toBe('fallback');
    await t.log.flush();
    const find = async (example: string) => (await t.reports.signals({ limit: 100 })).find((s) => s.examples.includes(example));
    const dog = await find('养狗要办证吗');
    const passport = await find('护照丢了怎么补');
    const ebike = await find('电动车怎么上牌');
    expect(dog && passport && ebike).toBeTruthy();
    if (!dog || !passport || !ebike) return;

    // Merge: the passport signal goes into the e-bike one (an admin's call, however odd).
    const merged = [...ebike.examples, ...passport.examples];
    expect(await t.reports.mergeSignals(ebike.id, passport.id, 'admin token', { [ebike.id]: t.engine.labelOf(merged) })).toBe(true);
    expect(await find('护照丢了怎么补')).toMatchObject({ id: ebike.id, count: ebike.count + passport.count });
    expect((await t.reports.signals({ limit: 100 })).some((s) => s.id === passport.id)).toBe(false);
    // A question still keyed to the merged signal counts towards the one it went into.
    t.log.record(unmetRecord({ text: '护照过期了', signalKey: passport.key }));
    await t.log.flush();
    expect((await find('护照过期了'))?.id).toBe(ebike.id);

    // Move: the passport example back out, into the dog signal.
    expect(await t.reports.moveExample(ebike.id, '护照丢了怎么补', dog.id, 'admin token', {})).toBe(true);
    expect((await find('护照丢了怎么补'))?.id).toBe(dog.id);
    expect(await t.reports.moveExample(ebike.id, 'not an example', dog.id, 'admin token', {})).toBe(false);

    // Split: the passport example off the dog signal into a new one.
    const newId = await t.reports.splitSignal(dog.id, ['护照丢了怎么补'], 'admin token', (id) => ({ [id]: '护照丢了怎么补' }));
    expect(newId).toEqual(expect.any(Number));
    const split = await find('护照丢了怎么补');
    expect(split).toMatchObject({ id: newId, label: '护照丢了怎么补', count: 1 });
    expect((await find('养狗要办证吗'))?.count).toBe(dog.count);
    // Splitting off everything is refused: that is a rename, not a split.
    expect(await t.reports.splitSignal(newId as number, ['护照丢了怎么补'], 'admin token', () => ({}))).toBeNull();

    const log = await t.reports.corrections();
    expect(log.map((c) => c.action)).toEqual(['split', 'move', 'merge']);
    for (const c of log) {
      expect(c.actor).toBe('admin token');
      expect(Date.now() - Date.parse(c.at)).toBeLessThan(60_000);
    }
    expect(await t.reports.corrections(newId as number)).toHaveLength(1);

    // The grouper learns from the correction: a new phrasing like the moved example joins its signal.
    await syncSignals(t.engine, t.reports);
    await ask('护照丢了去哪里补办');
    await t.log.flush();
    expect((await find('护照丢了去哪里补办'))?.id).toBe(newId);
    await t.close();
  });
});

describe('the regrouping migration', () => {
  test('old bag-of-words signals asking for one thing are merged once, labelled, and the merge is recorded', async () => {
    const dir = tempDir();
    const path = join(dir, 'old.sqlite');
    // A store as the previous version left it: schema 1, keys made of sorted words.
    const old = new Database(path);
    old.exec(MIGRATIONS[0] ?? '');
    old.pragma('user_version = 1');
    const insert = old.prepare('INSERT INTO signals (key, count, first_seen, last_seen, examples) VALUES (?, ?, ?, ?, ?)');
    insert.run('开 无犯罪 证明', 3, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', JSON.stringify(['无犯罪证明咋开']));
    insert.run('哪里 无犯罪记录证明', 2, '2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z', JSON.stringify(['无犯罪记录证明在哪里开']));
    insert.run('护照 补办', 1, '2026-11-05T00:00:00Z', '2026-11-05T00:00:00Z', JSON.stringify(['护照补办']));
    old.close();

    const log = SqliteLog.open(path);
    const reports = new SqliteReports(log);
    const t = testEngine();
    expect(await startSignals(t.engine, reports)).toEqual({ regrouped: 1 });
    const rows = await reports.signals({ limit: 10 });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ key: '开 无犯罪 证明', count: 5, firstSeen: '2026-11-01T00:00:00Z', lastSeen: '2026-11-04T00:00:00Z' });
    expect(['无犯罪证明咋开', '无犯罪记录证明在哪里开']).toContain(rows[0]?.label);
    expect(rows[1]).toMatchObject({ label: '护照补办', count: 1 });
    const [c] = await reports.corrections();
    expect(c).toMatchObject({ action: 'regroup', actor: REGROUPED.actor, examples: ['无犯罪记录证明在哪里开'] });
    expect(await reports.meta(REGROUPED.key)).toBe(REGROUPED.value);
    // Once only.
    expect(await startSignals(t.engine, reports)).toEqual({ regrouped: 0 });
    await log.close();
    await t.close();
  });
});
