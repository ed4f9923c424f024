/**
 * Demand-signal examples (issue 13, finding 2): no example outlives RETENTION_DAYS (they
 * are made again from the interactions kept), and what an older version stored under
 * weaker masking rules is masked again at start — texts, examples and keys, with nothing
 * left behind in the database file.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import type Database from 'better-sqlite3';
import { cleanTemps, filesUnder, postJson, sqliteLog, tempDir, testServer } from '../helpers.js';

afterAll(cleanTemps);

const DAY = 86_400_000;
type Server = Awaited<ReturnType<typeof testServer>>;

const signals = (db: Database.Database) =>
  (db.prepare('SELECT key, count, examples FROM signals ORDER BY key').all() as { key: string; count: number; examples: string }[]).map((s) => ({ ...s, examples: JSON.parse(s.examples) as string[] }));

async function restart(s: Server, env: Record<string, string>): Promise<Server> {
  await s.close();
  return testServer(env);
}

describe('signal examples and retention', () => {
  test('an example goes when its message is older than RETENTION_DAYS; the signal and its count stay', async () => {
    const env = { DATA_DIR: tempDir(), RETENTION_DAYS: '30' };
    let s = await testServer(env);
    await postJson(`${s.url}/api/ask`, { user: 'a', text: '驾照丢了怎么补办' });
    await postJson(`${s.url}/api/ask`, { user: 'b', text: '驾照丢了怎么补办啊' });
    await postJson(`${s.url}/api/ask`, { user: 'c', text: '养狗证在哪里办' });
    await s.ctx.log.flush();
    let db = sqliteLog(s.ctx.log).db;
    const before = signals(db);
    expect(before.flatMap((x) => x.examples)).toEqual(expect.arrayContaining(['驾照丢了怎么补办', '驾照丢了怎么补办啊', '养狗证在哪里办']));
    // Time passes: two of the three messages are now 40 days old.
    db.prepare('UPDATE interactions SET at = ? WHERE text IN (?, ?)').run(new Date(Date.now() - 40 * DAY).toISOString(), '驾照丢了怎么补办', '养狗证在哪里办');

    s = await restart(s, env); // the retention purge runs at start (and daily)
    db = sqliteLog(s.ctx.log).db;
    const after = signals(db);
    expect(after.map((x) => [x.key, x.count])).toEqual(before.map((x) => [x.key, x.count]));
    const examples = after.flatMap((x) => x.examples);
    expect(examples).toEqual(['驾照丢了怎么补办啊']);
    const files = filesUnder(env.DATA_DIR).map((f) => f.toString('utf8')).join('\n');
    expect(files).not.toContain('养狗证在哪里办');
    await s.close();
  });

  test('what an older version stored unmasked is masked again at start: texts, examples, keys, labels', async () => {
    const env = { DATA_DIR: tempDir() };
    let s = await testServer(env);
    const db = sqliteLog(s.ctx.log).db;
    // As the old masker left them: dotted and zero-width numbers, a name, an address.
    const old = ['身份证4103.0219.9001.0112.34丢了', '我叫张伟，手机138\u200b1234\u200b5678', '我住在阳光花园小区3号楼2单元501室，驾照丢了'];
    const now = new Date().toISOString();
    db.prepare("INSERT INTO signals (key, count, first_seen, last_seen, examples) VALUES ('138.1234.5678 丢 驾照', 2, ?, ?, ?)").run(now, now, JSON.stringify(old));
    db.prepare("INSERT INTO signals (key, count, first_seen, last_seen, examples) VALUES ('139.8765.4321 丢 驾照', 1, ?, ?, '[]')").run(now, now);
    const ids = db.prepare('SELECT id FROM signals ORDER BY id').all() as { id: number }[];
    const insert = db.prepare("INSERT INTO interactions (at, channel, user_hash, text, kind, score, latency_ms, signal_id) VALUES (?, 'api', 'h', ?, 'fallback', 0, 1, ?)");
    for (const text of old) insert.run(now, text, ids[0]?.id);
    insert.run(now, '驾照丢了 139.8765.4321', ids[1]?.id);
    // Stored before the rules changed (the meta table is where the rules' version is kept).
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'meta'").get()) db.prepare("DELETE FROM meta WHERE key = 'mask_rules'").run();
    db.pragma('wal_checkpoint(TRUNCATE)');

    s = await restart(s, env);
    const db2 = sqliteLog(s.ctx.log).db;
    const rows = db2.prepare('SELECT text FROM interactions ORDER BY id').all() as { text: string }[];
    expect(rows.map((r) => r.text)).toEqual(['身份证[身份证号]丢了', '我叫[姓名],手机[手机号]', '我住在[地址],驾照丢了', '驾照丢了 [手机号]']);
    const after = signals(db2);
    // Keys, labels and examples masked; two keys that differed only by a phone number stay
    // two signals (the later renamed), as the demand grouper names its own.
    expect(after).toEqual([
      { key: '[手机号] 丢 驾照', count: 2, examples: ['身份证[身份证号]丢了', '我叫[姓名],手机[手机号]', '我住在[地址],驾照丢了'] },
      { key: `[手机号] 丢 驾照 #${ids[1]?.id}`, count: 1, examples: [] },
    ]);
    await s.close();
    const files = filesUnder(env.DATA_DIR);
    for (const secret of ['4103.0219.9001.0112.34', '张伟', '1234\u200b5678', '阳光花园', '138.1234.5678', '139.8765.4321']) {
      for (const f of files) expect(f.includes(Buffer.from(secret))).toBe(false);
    }
  });
});
