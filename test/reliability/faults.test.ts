/**
 * Faults: citizens still get answers while the database misbehaves, and what is queued
 * meanwhile is written once it recovers — nothing lost, nothing doubled.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { userHasher } from '../../src/storage/user-hash.js';
import { cleanTemps, postJson, sqliteLog, testServer } from '../helpers.js';

type Server = Awaited<ReturnType<typeof testServer>>;
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  cleanTemps();
});

async function start(env: Record<string, string> = {}): Promise<Server> {
  const s = await testServer(env);
  servers.push(s);
  return s;
}

async function askMany(s: Server, prefix: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const r = await postJson(`${s.url}/api/ask`, { user: `${prefix}-${i}`, text: '身份证丢了怎么办' });
    expect(r.status).toBe(200);
    expect(r.body.kind).toBeDefined();
    expect(performance.now() - started).toBeLessThan(1000);
  }
}

/** Stored records of the users `prefix-0` … (ids are stored hashed, as the engine hashes them). */
async function stored(s: Server, prefix: string): Promise<number> {
  await s.ctx.log.flush();
  const hash = userHasher('test-secret');
  const hashes = new Set(Array.from({ length: 50 }, (_, i) => hash('api', `${prefix}-${i}`)));
  const rows = await s.ctx.reports.interactions(new Date(0), new Date(Date.now() + 1));
  return rows.filter((r) => hashes.has(r.userHash)).length;
}

describe('database faults', () => {
  test('read-only database: answers continue, records wait, then are written once', async () => {
    const s = await start();
    sqliteLog(s.ctx.log).db.pragma('query_only = ON');
    await askMany(s, 'ro', 5);
    expect(await s.ctx.log.flush()).toBe(false);
    expect(s.ctx.log.health()).toMatchObject({ pending: 5 });
    expect(s.ctx.log.health().writeFailures).toBeGreaterThan(0);
    sqliteLog(s.ctx.log).db.pragma('query_only = OFF');
    expect(await s.ctx.log.flush()).toBe(true);
    expect(await s.ctx.log.flush()).toBe(true);
    expect(await stored(s, 'ro')).toBe(5);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/wenzheng_log_write_failures_total [1-9]/);
  });

  test('database locked by another process: answers are not delayed; records land after', async () => {
    const s = await start();
    const locker = spawn(
      process.execPath,
      ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(s.config.dbPath)});d.exec('BEGIN EXCLUSIVE');d.prepare('INSERT INTO signals(key,first_seen,last_seen) VALUES(?,?,?)').run('lock','x','x');console.log('locked');setTimeout(()=>{d.exec('ROLLBACK');d.close();process.exit(0)},1500)`],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => locker.stdout.once('data', () => resolve()));
    await askMany(s, 'lock', 5);
    expect(await s.ctx.log.flush()).toBe(false);
    await new Promise((r) => locker.once('exit', r));
    await new Promise((r) => setTimeout(r, 1300)); // the retry timer runs on its own
    expect(s.ctx.log.health().pending).toBe(0);
    expect(await stored(s, 'lock')).toBe(5);
  });

  test('database full: answers continue; recovery writes everything once', async () => {
    const s = await start();
    const db = sqliteLog(s.ctx.log).db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    // Fill the last free pages so the next insert cannot fit (small rows fill every gap).
    const filler = db.prepare("INSERT INTO interactions (at, channel, user_hash, text, kind, score, latency_ms) VALUES ('2000-01-01', 'test', 'filler', ?, 'chat', 0, 0)");
    for (const size of [2000, 200, 20, 1]) {
      try {
        for (let i = 0; i < 100_000; i++) filler.run('x'.repeat(size));
      } catch {
        // SQLITE_FULL at this row size; try smaller rows for the remaining gaps.
      }
    }
    await askMany(s, 'full', 5);
    expect(await s.ctx.log.flush()).toBe(false);
    db.pragma('max_page_count = 1073741823');
    db.prepare("DELETE FROM interactions WHERE user_hash = 'filler'").run();
    expect(await s.ctx.log.flush()).toBe(true);
    expect(await stored(s, 'full')).toBe(5);
  });

  test('database file deleted under the running server: a new file is opened and written', async () => {
    const s = await start();
    await askMany(s, 'before', 2);
    await s.ctx.log.flush();
    for (const suffix of ['', '-wal', '-shm']) rmSync(s.config.dbPath + suffix, { force: true });
    await askMany(s, 'after', 3);
    expect(await s.ctx.log.flush()).toBe(true);
    expect(existsSync(s.config.dbPath)).toBe(true);
    expect(s.ctx.log.health().reopened).toBe(1);
    expect(await stored(s, 'after')).toBe(3);
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
  });
});

describe('one channel failing does not affect the others', () => {
  test('an exception inside the official-account adapter: WeChat gets "success", the API still answers', async () => {
    const s = await start({ WECHAT_TOKEN: 'tok' });
    const engine = s.ctx.engine as unknown as { note: () => void };
    engine.note = () => {
      throw new Error('boom inside the channel');
    };
    const { createHash } = await import('node:crypto');
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHash('sha1').update(['tok', ts, 'n'].sort().join('')).digest('hex');
    const xml = `<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>${ts}</CreateTime><MsgType>image</MsgType><MsgId>42</MsgId></xml>`;
    const res = await fetch(`${s.url}/wechat?timestamp=${ts}&nonce=n&signature=${sig}`, { method: 'POST', body: xml });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    expect((await postJson(`${s.url}/api/ask`, { user: 'x', text: '你好' })).body.kind).toBe('chat');
    expect(await (await fetch(`${s.url}/metrics`)).text()).toMatch(/wenzheng_channel_errors_total\{channel="wechat"\} 1/);
  });
});
