/**
 * A full disk (issue 13, finding 5), simulated with SQLite's max_page_count: replies go
 * on; the log backs off instead of retrying on every message; the queue in memory is
 * bounded and what falls off it is counted in metrics and on the dashboard; the state
 * change is logged once each way, not a stack trace per failure; after the disk has room
 * again everything still queued is written once.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Writable } from 'node:stream';
import type Database from 'better-sqlite3';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { startServer, type Running } from '../../src/server/start.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { addStaff, login, type Session } from '../admin/staff.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, postJson, sqliteLog, tempDir } from '../helpers.js';

const ADMIN = 'admin-token-full-disk';
const MAX_PENDING = 40;
let s: Running;
const logLines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir(), KNOWLEDGE_DIR, INTENTS_DIR, USER_HASH_SECRET: 'full', ADMIN_TOKEN: ADMIN, RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' }, false);
  s = await startServer(config, pino({ level: 'info' }, sink), { watch: false, log: { maxPending: MAX_PENDING, retryMs: 150, retryMaxMs: 600 } });
});
afterAll(async () => {
  await s.close();
  cleanTemps();
});

/** Let the file grow no more, and fill what is left (small rows fill every gap). */
function fillDisk(db: Database.Database): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  const filler = db.prepare("INSERT INTO interactions (at, channel, user_hash, text, kind, score, latency_ms) VALUES ('2000-01-01', 'test', 'filler', ?, 'chat', 0, 0)");
  for (const size of [2000, 200, 20, 1]) {
    try {
      for (let i = 0; i < 100_000; i++) filler.run('x'.repeat(size));
    } catch {
      // SQLITE_FULL at this row size; smaller rows for the remaining gaps.
    }
  }
}

function freeDisk(db: Database.Database): void {
  db.pragma('max_page_count = 1073741823');
  db.prepare("DELETE FROM interactions WHERE user_hash = 'filler'").run();
}

const metric = async (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(await (await fetch(`${s.url}/metrics`)).text())?.[1] ?? NaN);

describe('a full disk', () => {
  test('replies go on; the log backs off, bounds its queue, counts what is lost, logs the change once; recovery writes the rest once', async () => {
    // An admin logged in before the disk filled up (logging in writes the audit trail).
    await addStaff(s, '值班员', 'viewer');
    const admin: Session = await login(s, '值班员');
    const db = sqliteLog(s.ctx.log).db;
    fillDisk(db);
    const failuresBefore = s.ctx.log.health().writeFailures;

    // 100 questions over about half a second or more, one at a time, as citizens would send them.
    const started = performance.now();
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      const r = await postJson(`${s.url}/api/ask`, { user: `full-${i}`, text: '身份证丢了怎么办' });
      expect(r.status).toBe(200);
      expect(performance.now() - t).toBeLessThan(1000);
    }
    const elapsed = performance.now() - started;

    const health = s.ctx.log.health();
    // Backed off: a handful of attempts in that time (1 + retries at 150, 300, 600, 600 … ms),
    // not one per message or per turn of the event loop.
    const attempts = health.writeFailures - failuresBefore;
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(2 + Math.ceil(elapsed / 150));
    expect(attempts).toBeLessThan(20);
    // Bounded in memory; what fell off is counted.
    expect(health.pending).toBe(MAX_PENDING);
    expect(health.dropped).toBe(100 - MAX_PENDING);
    expect(health.failing?.error).toMatch(/SQLITE_FULL|full/);
    expect(await metric('wenzheng_log_records_lost_total')).toBe(100 - MAX_PENDING);
    expect(await metric('wenzheng_log_failing')).toBe(1);

    // One line for the change of state, not one (with a stack) per failure.
    const failing = logLines.filter((l) => l.includes('interaction log cannot write'));
    expect(failing).toHaveLength(1);
    expect(failing[0]).toContain('SQLITE_FULL');
    expect(failing[0]).not.toMatch(/"stack"/);
    expect(logLines.filter((l) => l.includes('"level":50'))).toHaveLength(1);

    // The dashboard says so.
    const dashboard = await (await admin.get('/admin')).text();
    expect(dashboard).toContain('写不进数据库');
    expect(dashboard).toContain(`已丢失 <strong>${100 - MAX_PENDING}</strong> 条`);
    expect(((await (await fetch(`${s.url}/readyz`)).json()) as { database: unknown }).database).toMatchObject({ pending: MAX_PENDING, dropped: 100 - MAX_PENDING });

    // Room again: the retry timer writes what is still queued, once, on its own.
    freeDisk(db);
    const deadline = Date.now() + 3000;
    while (s.ctx.log.health().pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(s.ctx.log.health()).toMatchObject({ pending: 0, failing: null });
    const hash = userHasher('full');
    const mine = new Map(Array.from({ length: 100 }, (_, i) => [hash('api', `full-${i}`), i]));
    const rows = (await s.ctx.reports.interactions(new Date(0), new Date(Date.now() + 1))).filter((r) => mine.has(r.userHash));
    // The newest MAX_PENDING were kept; each stored once.
    expect(rows.map((r) => mine.get(r.userHash)).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: MAX_PENDING }, (_, i) => 100 - MAX_PENDING + i));
    expect(logLines.filter((l) => l.includes('interaction log writes again'))).toHaveLength(1);
    expect(logLines.find((l) => l.includes('interaction log writes again'))).toContain(`"lost":${100 - MAX_PENDING}`);
    expect(await metric('wenzheng_log_failing')).toBe(0);
  });
});
