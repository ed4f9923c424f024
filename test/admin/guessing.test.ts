/**
 * Guessing the admin token (issue 13, finding 3): wrong tokens are limited per address on
 * every admin route — Bearer included — counted in metrics and logged (throttled), and a
 * guesser never locks the real admin out from another address.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { LOGIN_FAILURES } from '../../src/admin/router.js';
import { loadConfig } from '../../src/config/config.js';
import { startServer, type Running } from '../../src/server/start.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, requestFrom, tempDir } from '../helpers.js';

const TOKEN = 'the-real-admin-token-42';
const ADMIN = '127.0.0.254';

// One server; each test guesses from its own address (127.0.0.x are all this host), so
// one test's failures never count in another's.
let s: Running;
const logLines: string[] = [];
let next = 10;
const newAddress = () => `127.0.0.${next++}`;
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir(), KNOWLEDGE_DIR, INTENTS_DIR, USER_HASH_SECRET: 's', ADMIN_TOKEN: TOKEN }, false);
  s = await startServer(config, pino({ level: 'info' }, sink), { watch: false });
});
afterAll(async () => {
  await s.close();
  cleanTemps();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** Wrong tokens or passwords an address may try per window (issue 16's limit, for every admin route). */
const LIMIT = LOGIN_FAILURES;
const loginForm = (name: string, password: string) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ name, password }).toString() });

describe('wrong admin tokens', () => {
  test('Bearer guesses are limited per address: after the limit of wrong tokens, 429 even with the right one', async () => {
    const GUESSER = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await requestFrom(GUESSER, `${s.url}/admin/api/summary`, { headers: bearer(`guess-${i}-xxxxxxxx`) })).status);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
    const right = await requestFrom(GUESSER, `${s.url}/admin/api/summary`, { headers: bearer(TOKEN) });
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  test('the limit covers every route and the login form together', async () => {
    const GUESSER = newAddress();
    const routes = ['/admin/api/summary', '/admin/api/signals', '/admin/export/signals.csv'].slice(0, LIMIT - 2);
    for (const route of routes) expect((await requestFrom(GUESSER, s.url + route, { headers: bearer('wrong-token-123456') })).status).toBe(401);
    for (let i = routes.length; i < LIMIT; i++) expect((await requestFrom(GUESSER, `${s.url}/admin/login`, loginForm('某人', `guess${i}`))).status).toBe(401);
    expect((await requestFrom(GUESSER, `${s.url}/admin/export/interactions.csv`, { headers: bearer('another-wrong-one') })).status).toBe(429);
    const login = await requestFrom(GUESSER, `${s.url}/admin/login`, loginForm('某人', 'whatever'));
    expect(login.status).toBe(429);
    expect(login.text).toContain('失败次数过多');
    expect((await requestFrom(GUESSER, `${s.url}/admin/api/summary`, { headers: bearer(TOKEN) })).status).toBe(429);
  });

  test('a guesser never locks the real admin out from another address', async () => {
    const GUESSER = newAddress();
    for (let i = 0; i < 15; i++) await requestFrom(GUESSER, `${s.url}/admin/api/summary`, { headers: bearer(`guess-${i}-xxxxxxxx`) });
    expect((await requestFrom(ADMIN, `${s.url}/admin/api/summary`, { headers: bearer(TOKEN) })).status).toBe(200);
    // The login form is open to that address too (a wrong password there is its own first failure).
    expect((await requestFrom(ADMIN, `${s.url}/admin/login`, loginForm('某人', 'x'))).status).toBe(401);
  });

  test('parallel guesses cannot slip past the limit', async () => {
    const GUESSER = newAddress();
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => requestFrom(GUESSER, `${s.url}/admin/api/signals`, { headers: bearer(`parallel-${i}-xxxxxx`) }).then((r) => r.status)));
    expect(statuses.filter((x) => x === 401)).toHaveLength(LIMIT);
    expect(statuses.filter((x) => x === 429)).toHaveLength(40 - LIMIT);
  });

  test('right tokens are never counted: many correct requests in parallel all pass', async () => {
    const GUESSER = newAddress();
    const statuses = await Promise.all(Array.from({ length: 30 }, () => requestFrom(GUESSER, `${s.url}/admin/api/signals`, { headers: bearer(TOKEN) }).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  test('wrong tokens are counted in metrics; the log gets one line per address and minute, not one per guess', async () => {
    const GUESSER = newAddress();
    const counts = async () => {
      const m = (await requestFrom('127.0.0.1', `${s.url}/metrics`)).text;
      const n = (re: RegExp) => Number(re.exec(m)?.[1] ?? 0);
      return { failures: n(/wenzheng_auth_failures_total\{via="bearer"\} (\d+)/), refusedBearer: n(/wenzheng_auth_refused_total\{via="bearer"\} (\d+)/), refusedLogin: n(/wenzheng_auth_refused_total\{via="login"\} (\d+)/) };
    };
    const before = await counts();
    for (let i = 0; i < LIMIT; i++) await requestFrom(GUESSER, `${s.url}/admin/api/summary`, { headers: bearer(`guess-${i}-xxxxxxxx`) });
    for (let i = 0; i < 20; i++) await requestFrom(GUESSER, `${s.url}/admin/api/summary`, { headers: bearer(`guess-${i}-xxxxxxxx`) });
    await requestFrom(GUESSER, `${s.url}/admin/login`, loginForm('某人', 'x'));
    const after = await counts();
    expect(after.failures - before.failures).toBe(LIMIT);
    expect(after.refusedBearer - before.refusedBearer).toBe(20);
    expect(after.refusedLogin - before.refusedLogin).toBe(1);
    const mine = logLines.filter((l) => l.includes(`"ip":"${GUESSER}"`));
    expect(mine.filter((l) => l.includes('"msg":"wrong admin token"'))).toHaveLength(1);
    expect(mine.filter((l) => l.includes('too many wrong admin tokens'))).toHaveLength(1);
  });
});
