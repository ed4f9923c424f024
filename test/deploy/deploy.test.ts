/**
 * The deployment files, run for real: the systemd unit passes `systemd-analyze verify` and
 * starts what `npm start` starts; the nginx site (deploy/nginx/wenzheng.conf, with its
 * ports and certificate paths pointed at this test's) runs in front of two instances
 * sharing one Redis and serves TLS, redirects plain HTTP, passes /wechat and the API
 * through, and hands the instances the client's real address: a client that forges
 * X-Forwarded-For is still limited by its own address, across both instances.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { startNodeFlags } from '../../bench/start-command.js';
import { KEEP_ALIVE_MS } from '../../src/server/start.js';
import { cleanTemps, ROOT, tempDir, testServer } from '../helpers.js';
import { freePort, services, startRedis, type RedisServer } from '../services.js';

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const UNIT = join(ROOT, 'deploy/systemd/wenzheng@.service');
const SITE = join(ROOT, 'deploy/nginx/wenzheng.conf');

(has('systemd-analyze') ? describe : describe.skip)('systemd unit', () => {
  test('verifies, and runs node with the flags npm start uses', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wenzheng@.service'), readFileSync(UNIT));
    symlinkSync('wenzheng@.service', join(dir, 'wenzheng@3001.service'));
    execFileSync('systemd-analyze', ['verify', join(dir, 'wenzheng@3001.service')], { stdio: 'pipe' });
    const exec = /^ExecStart=(.*)$/m.exec(readFileSync(UNIT, 'utf8'))?.[1] ?? '';
    expect(exec).toBe(`/usr/bin/node ${startNodeFlags(ROOT).join(' ')} dist/main.js`);
  });
});
describe('idle connections between nginx and an instance', () => {
  afterAll(() => cleanTemps());
  test('nginx closes them first: its upstream keepalive_timeout is shorter than the instance keeps them', async () => {
    const site = readFileSync(SITE, 'utf8');
    const upstream = /upstream wenzheng \{([^}]*)\}/.exec(site)?.[1] ?? '';
    const seconds = Number(/keepalive_timeout (\d+)s;/.exec(upstream)?.[1]);
    expect(seconds * 1000).toBeLessThan(KEEP_ALIVE_MS);
    // What the instance tells its clients (nginx ignores the hint, fetch and browsers honour it).
    const s = await testServer({}, { watch: false });
    try {
      const res = await fetch(`${s.url}/healthz`);
      await res.arrayBuffer();
      expect(res.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_MS / 1000}`);
    } finally {
      await s.close();
    }
  });
});

if (!has('systemd-analyze')) console.warn('SKIPPED: systemd unit check: systemd-analyze not found');

/** This machine's first non-loopback IPv4 address: a client there is not a trusted proxy. */
const outside = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
const missing = !has('nginx') ? 'nginx not found (apt-get install nginx-light)' : !has('openssl') ? 'openssl not found' : services().redis ?? (outside ? null : 'no non-loopback address to be a client from');
if (missing) console.warn(`SKIPPED: nginx site tests: ${missing}`);

(missing ? describe.skip : describe)('nginx site in front of two instances', () => {
  const TOKEN = 'nginx-test-token';
  let redis: RedisServer;
  let nginx: ChildProcess;
  let ports: { http: number; https: number };
  let instances: Awaited<ReturnType<typeof testServer>>[] = [];
  const host = outside ?? '127.0.0.1';

  /** A request to nginx over TLS (its certificate is this test's own). */
  const https = (path: string, body: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = request({ host, port: ports.https, path, method: 'POST', rejectUnauthorized: false, headers: { 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(body);
    });

  beforeAll(async () => {
    redis = await startRedis();
    // Two instances sharing Redis (rate limits count across them); nginx trusted on loopback.
    const env = { REDIS_URL: redis.url, WECHAT_TOKEN: TOKEN, RATE_LIMIT_PER_IP: '4', TRUST_PROXY: 'loopback' };
    // One after the other: both live in this process, and one building its brain (synchronous,
    // seconds on a busy machine) would stall the other's Redis commands past their timeout.
    instances = [await testServer(env, { watch: false })];
    instances.push(await testServer(env, { watch: false }));
    const [a, b] = instances as [(typeof instances)[number], (typeof instances)[number]];
    const dir = tempDir('wz-nginx-');
    for (const d of ['temp', 'logs']) mkdirSync(join(dir, d), { recursive: true, mode: 0o777 });
    chmodSync(join(dir, 'temp'), 0o777);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=wenzheng.test', '-keyout', join(dir, 'privkey.pem'), '-out', join(dir, 'fullchain.pem')], { stdio: 'ignore' });
    ports = { http: await freePort(), https: await freePort() };
    const site = readFileSync(SITE, 'utf8')
      .replace(/server 127\.0\.0\.1:3001 /, `server ${a.url.replace('http://', '')} `)
      .replace(/server 127\.0\.0\.1:3002 /, `server ${b.url.replace('http://', '')} `)
      .replace(/listen \[::\]:\d+[^;]*;/g, '')
      .replace(/listen 80;/, `listen ${host}:${ports.http};`)
      .replace(/listen 443 ssl http2;/, `listen ${host}:${ports.https} ssl http2;`)
      .replace('/etc/ssl/wenzheng/fullchain.pem', join(dir, 'fullchain.pem'))
      .replace('/etc/ssl/wenzheng/privkey.pem', join(dir, 'privkey.pem'));
    writeFileSync(join(dir, 'site.conf'), site);
    const temp = (name: string) => `${name}_temp_path ${join(dir, 'temp', name)};`;
    writeFileSync(
      join(dir, 'nginx.conf'),
      [
        process.getuid?.() === 0 ? 'user nobody nogroup;' : '',
        'worker_processes 1;',
        `pid ${join(dir, 'nginx.pid')};`,
        `error_log ${join(dir, 'logs/error.log')} warn;`,
        'events { worker_connections 64; }',
        `http { access_log off; ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' ')} include ${join(dir, 'site.conf')}; }`,
      ].join('\n'),
    );
    execFileSync('nginx', ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
    nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    const end = Date.now() + 10_000;
    for (;;) {
      try {
        await fetch(`http://${host}:${ports.http}/`, { redirect: 'manual' });
        break;
      } catch {
        if (Date.now() > end) throw new Error(`nginx did not start: ${readFileSync(join(dir, 'logs/error.log'), 'utf8')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }, 60_000);
  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      await new Promise<void>((resolve) => {
        nginx.once('exit', () => resolve());
        nginx.kill('SIGQUIT');
      });
    }
    for (const i of instances) await i.close();
    await redis?.stop();
    cleanTemps();
  });

  test('plain HTTP is redirected to HTTPS', async () => {
    const res = await fetch(`http://${host}:${ports.http}/api/ask`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toMatch(/^https:\/\//);
  });

  test('the official account\'s /wechat and the API answer through TLS', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = createHash('sha1').update([TOKEN, ts, 'n'].sort().join('')).digest('hex');
    const xml = `<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[oNginx]]></FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[居住证怎么办理]]></Content><MsgId>7400000000000000001</MsgId></xml>`;
    const wechat = await https(`/wechat?timestamp=${ts}&nonce=n&signature=${signature}`, xml, { 'content-type': 'text/xml', 'x-forwarded-for': '198.51.100.1' });
    expect(wechat.status).toBe(200);
    expect(wechat.body).toContain('居住证');
    expect(wechat.headers['strict-transport-security']).toBeDefined();
  });

  test('the instances limit the client by its real address, whatever X-Forwarded-For it forges, across both', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await https('/api/ask', JSON.stringify({ user: `nginx-${i}`, text: '你好' }), { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` });
      statuses.push(res.status);
    }
    // RATE_LIMIT_PER_IP is 4 per minute, counted in Redis for both instances, by the real client address.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(4);
    expect(statuses).toContain(429);
  });
});
