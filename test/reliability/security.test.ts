/**
 * Security: headers and CSP, rate limits, body limits, forged and stale signatures,
 * personal data never stored or logged, user ids only as an HMAC with a kept secret.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { startServer } from '../../src/server/start.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, postJson, tempDir, testServer } from '../helpers.js';

afterAll(cleanTemps);

describe('HTTP hardening', () => {
  test('pages carry security headers and a strict CSP', async () => {
    const s = await testServer();
    const res = await fetch(`${s.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(await res.text()).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // no external CDN
    await s.close();
  });

  test('answers carry no ETag (nothing to revalidate, a hash per request saved); static files keep theirs', async () => {
    const s = await testServer();
    const answer = await fetch(`${s.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'u', text: '居住证怎么办' }) });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBeNull();
    expect((await fetch(`${s.url}/`)).headers.get('etag')).toBeTruthy();
    await s.close();
  });

  test('/api/ask is rate limited per user and per IP', async () => {
    const s = await testServer({ RATE_LIMIT_PER_USER: '3', RATE_LIMIT_PER_IP: '6' });
    const same = [];
    for (let i = 0; i < 4; i++) same.push((await postJson(`${s.url}/api/ask`, { user: 'flood', text: '你好' })).status);
    expect(same).toEqual([200, 200, 200, 429]);
    const others = [];
    for (let i = 0; i < 3; i++) others.push((await postJson(`${s.url}/api/ask`, { user: `u${i}`, text: '你好' })).status);
    expect(others).toEqual([200, 200, 429]); // 4 + 2 = 6 from this IP, the 7th is refused
    const limited = await postJson(`${s.url}/api/ask`, { user: 'u9', text: '你好' });
    expect(limited.body.error).toContain('110');
    // A client can see its limit: the per-user one, the last checked (IETF draft 7 headers).
    const fresh = await fetch(`${s.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', }, body: JSON.stringify({ user: 'new', text: '你好' }) });
    expect(fresh.status).toBe(429); // the IP's 6 are used: the IP limiter answers, with its own numbers
    expect(fresh.headers.get('ratelimit')).toMatch(/^limit=6, remaining=0, reset=\d+$/);
    await s.close();
    const t = await testServer({ RATE_LIMIT_PER_USER: '3', RATE_LIMIT_PER_IP: '6' });
    const first = await fetch(`${t.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'flood', text: '你好' }) });
    expect(first.headers.get('ratelimit')).toMatch(/^limit=3, remaining=2, reset=\d+$/);
    expect(first.headers.get('ratelimit-policy')).toBe('3;w=60');
    await t.close();
  });

  test('oversized and malformed bodies get a JSON error, never a stack trace', async () => {
    const s = await testServer();
    const big = await fetch(`${s.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'u', text: 'x'.repeat(100_000) }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: '请求内容太大' });
    const bad = await fetch(`${s.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).not.toMatch(/at .*\.js|node_modules/);
    const wrong = await postJson(`${s.url}/api/ask`, { user: '', text: 5 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/user|text/);
    await s.close();
  });

  test('forged and stale official-account signatures are refused and not logged', async () => {
    const s = await testServer({ WECHAT_TOKEN: 'sec-token' });
    const xml = '<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1</MsgId></xml>';
    const sign = (ts: string) => createHash('sha1').update(['sec-token', ts, 'n'].sort().join('')).digest('hex');
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    const fresh = String(Math.floor(Date.now() / 1000));
    for (const query of [`timestamp=${stale}&nonce=n&signature=${sign(stale)}`, `timestamp=${fresh}&nonce=n&signature=${sign(fresh).replace(/^./, 'x')}`, `timestamp=${fresh}&nonce=n`]) {
      expect((await fetch(`${s.url}/wechat?${query}`, { method: 'POST', body: xml })).status).toBe(401);
    }
    await s.ctx.log.flush();
    expect(await s.ctx.reports.interactionCount()).toBe(0);
    await s.close();
  });
});

describe('personal data', () => {
  test('after a run with ID, phone and bank-card numbers, neither the database nor the logs contain them', async () => {
    const dataDir = tempDir();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, KNOWLEDGE_DIR, INTENTS_DIR, WECHAT_TOKEN: 'tok', LOG_LEVEL: 'trace' }, false);
    const s = await startServer(config, pino({ level: 'trace' }, sink));
    const secrets = ['410302199001011234', '41030219900101123X', '13812345678', '6222021234567890123', 'oRawWechatOpenId_Secret'];
    await postJson(`${s.url}/api/ask`, { user: 'oRawWechatOpenId_Secret', text: '身份证号410302199001011234丢了，电话13812345678' });
    await postJson(`${s.url}/api/ask`, { user: 'u2', text: '卡号6222 0212 3456 7890 123，身份证41030219900101123X' });
    await postJson(`${s.url}/api/ask`, { user: 'u3', text: '驾照丢了 13812345678' }); // a fallback: becomes a demand signal
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHash('sha1').update(['tok', ts, 'n'].sort().join('')).digest('hex');
    await fetch(`${s.url}/wechat?timestamp=${ts}&nonce=n&signature=${sig}`, {
      method: 'POST',
      body: `<xml><ToUserName>gh</ToUserName><FromUserName>oRawWechatOpenId_Secret</FromUserName><CreateTime>${ts}</CreateTime><MsgType>text</MsgType><Content>我的手机13812345678</Content><MsgId>77</MsgId></xml>`,
    });
    await s.close();
    // Every file under DATA_DIR, the knowledge versions' folders included.
    const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
      .map((f) => join(dataDir, f))
      .filter((f) => statSync(f).isFile())
      .map((f) => readFileSync(f).toString('latin1'));
    const everything = files.join('\n') + lines.join('\n');
    for (const secret of secrets) {
      expect(everything).not.toContain(secret);
      expect(Buffer.from(everything, 'latin1').toString('utf8')).not.toContain(secret);
    }
  });

  test('user ids are stored only as an HMAC with a secret generated on first start and kept', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, USER_HASH_SECRET: '' };
    const s1 = await testServer(env);
    await postJson(`${s1.url}/api/ask`, { user: 'citizen-42', text: '你好' });
    await s1.close();
    const secretFile = join(dataDir, 'user-hash.secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = readFileSync(secretFile, 'utf8').trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);

    const s2 = await testServer(env);
    await postJson(`${s2.url}/api/ask`, { user: 'citizen-42', text: '谢谢' });
    await s2.ctx.log.flush();
    const hashes = (await s2.ctx.reports.interactions(new Date(0), new Date(Date.now() + 1))).map((r) => r.userHash);
    await s2.close();
    const expected = createHmac('sha256', secret).update('api\0citizen-42').digest('hex').slice(0, 32);
    expect(hashes).toEqual([expected, expected]); // the same citizen across restarts
    expect(readFileSync(join(dataDir, 'wenzheng.sqlite')).toString('latin1')).not.toContain('citizen-42');
  });
});
