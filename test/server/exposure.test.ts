/**
 * What the server exposes (issue 13, findings 7 and 8): X-Forwarded-For believed only from
 * the proxies TRUST_PROXY names; a malformed admin cookie is a 401, not a 500 with a stack
 * trace; the data folder and its files are the server user's alone; /metrics is not public.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { cleanTemps, requestFrom, tempDir, testServer } from '../helpers.js';

type Server = Awaited<ReturnType<typeof testServer>>;
/** Defaults (trust no proxy, metrics for this host), bound to every interface. */
let plain: Server;
let plainData: string;
/** Behind a proxy on this host, with a metrics token. */
let proxied: Server;
const METRICS_TOKEN = 'metrics-token-abcdef';
beforeAll(async () => {
  plainData = join(tempDir(), 'data');
  plain = await testServer({ HOST: '0.0.0.0', RATE_LIMIT_PER_IP: '2', ADMIN_TOKEN: 'admin-token-for-tests-123', DATA_DIR: plainData, USER_HASH_SECRET: '' });
  proxied = await testServer({ RATE_LIMIT_PER_IP: '2', TRUST_PROXY: 'loopback', METRICS_TOKEN });
});
afterAll(async () => {
  await plain.close();
  await proxied.close();
  cleanTemps();
});

const ask = (url: string, headers: Record<string, string> = {}, user = 'u') =>
  fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ user, text: '你好' }) }).then((r) => r.status);

describe('TRUST_PROXY', () => {
  test('by default no proxy is trusted: a forged X-Forwarded-For does not escape the per-IP limit', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await ask(plain.url, { 'x-forwarded-for': `203.0.113.${i}` }, `u${i}`));
    expect(statuses).toEqual([200, 200, 429]);
  });

  test('a named proxy is believed: its clients are limited one by one', async () => {
    const distinct = [];
    for (let i = 0; i < 3; i++) distinct.push(await ask(proxied.url, { 'x-forwarded-for': `203.0.113.${i}` }, `u${i}`));
    const same = [];
    for (let i = 0; i < 3; i++) same.push(await ask(proxied.url, { 'x-forwarded-for': '198.51.100.7' }, `v${i}`));
    expect(distinct).toEqual([200, 200, 200]);
    expect(same).toEqual([200, 200, 429]);
  });

  test('"true" (trust everyone) and nonsense are refused at start with a clear message', () => {
    for (const value of ['true', 'somewhere', '10.0.0.0/64']) {
      expect(() => loadConfig({ TRUST_PROXY: value }, false)).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value }, false)).toThrow(/TRUST_PROXY/);
    }
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, false).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({}, false).TRUST_PROXY).toBe(false);
  });
});

describe('a malformed admin cookie', () => {
  test('is treated as no session (401 / the login page), never a 500 with a stack trace', async () => {
    const s = plain;
    for (const cookie of ['wz_admin=%zz', 'wz_admin=%E0%A4%A', 'wz_admin=%', 'a=%zz; wz_admin=%zz']) {
      const api = await fetch(`${s.url}/admin/api/summary`, { headers: { cookie } });
      expect(api.status).toBe(401);
      expect(await api.text()).not.toMatch(/URIError|at .*\.(js|ts)/);
      const page = await fetch(`${s.url}/admin`, { headers: { cookie }, redirect: 'manual' });
      expect(page.status).toBe(303);
      const logout = await fetch(`${s.url}/admin/logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' });
      expect(logout.status).toBeLessThan(500);
    }
  });
});

describe('file permissions', () => {
  test('DATA_DIR and every folder in it are 700; the database, its WAL files, the secret and the knowledge versions are 600', async () => {
    const dataDir = plainData;
    const s = plain;
    await ask(s.url, {}, 'permissions');
    await s.ctx.log.flush();
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['wenzheng.sqlite', 'wenzheng.sqlite-wal', 'user-hash.secret', 'knowledge-versions']));
    const modes: [string, number][] = [];
    const walk = (dir: string) => {
      modes.push([dir, statSync(dir).mode & 0o777]);
      for (const f of readdirSync(dir)) {
        const path = join(dir, f);
        if (statSync(path).isDirectory()) walk(path);
        else modes.push([path, statSync(path).mode & 0o777]);
      }
    };
    walk(dataDir);
    expect(modes.length).toBeGreaterThan(20);
    for (const [path, mode] of modes) expect([path, mode]).toEqual([path, statSync(path).isDirectory() ? 0o700 : 0o600]);
  });

  test('files and a folder left wider by an older version are tightened at start', async () => {
    const dataDir = join(tempDir(), 'old');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'user-hash.secret'), 'old-secret\n', { mode: 0o644 });
    chmodSync(join(dataDir, 'user-hash.secret'), 0o644);
    const first = await testServer({ DATA_DIR: dataDir, USER_HASH_SECRET: '' });
    await first.close();
    chmodSync(join(dataDir, 'wenzheng.sqlite'), 0o644);
    chmodSync(dataDir, 0o755);
    const s = await testServer({ DATA_DIR: dataDir, USER_HASH_SECRET: '' });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'wenzheng.sqlite')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'user-hash.secret')).mode & 0o777).toBe(0o600);
    await s.close();
  });
});

describe('/metrics', () => {
  test('by default only for direct clients on this host: not through a proxy', async () => {
    expect((await fetch(`${plain.url}/metrics`)).status).toBe(200);
    const relayed = await fetch(`${plain.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.status).toBe(403);
    expect(await relayed.text()).not.toContain('wenzheng_');
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  (external ? test : test.skip)('by default refused to a client on another address', async () => {
    const port = new URL(plain.url).port;
    const res = await requestFrom(external ?? '', `http://${external}:${port}/metrics`);
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('wenzheng_');
  });

  test('with METRICS_TOKEN: Bearer required; wrong tokens count towards the per-address limit', async () => {
    expect((await fetch(`${proxied.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${proxied.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-xyz' } })).status).toBe(401);
    const ok = await fetch(`${proxied.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}`, 'x-forwarded-for': '203.0.113.9' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/wenzheng_auth_failures_total\{via="metrics"\} 2/);
  });

  test('with METRICS_PORT: served on its own listener only', async () => {
    const s = await testServer({ METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' });
    expect((await fetch(`${s.url}/metrics`)).status).toBe(404);
    expect(s.metricsUrl).toBeDefined();
    const res = await fetch(`${s.metricsUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('wenzheng_messages_total');
    expect((await fetch(`${s.metricsUrl}/api/ask`, { method: 'POST' })).status).toBe(404);
    await s.close();
  });
});
