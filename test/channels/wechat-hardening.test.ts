/**
 * The official account under attack and at the edges (issue 13, findings 4, 9, 10):
 * forged requests are refused before their body is read, in both modes; refusals are
 * counted by reason and logged (throttled), a stale timestamp saying the clock may be
 * off; 安全模式 retries of a "success" stay plain; two menu clicks in one second are two
 * questions; a signed text over the body limit gets a polite reply, not a 413.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createCipheriv, createHash } from 'node:crypto';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { parseMessage } from '../../src/channels/wechat/xml.js';
import { startServer, type Running } from '../../src/server/start.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, sqliteLog, tempDir } from '../helpers.js';

const TOKEN = 'hardening-token';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APPID = 'wxb11529c136998cb6';

const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const now = () => String(Math.floor(Date.now() / 1000));
const signed = (ts = now(), nonce = 'n') => `timestamp=${ts}&nonce=${nonce}&signature=${sha1(TOKEN, ts, nonce)}`;

/** 安全模式 encryption written out independently of the app. */
function encrypt(message: string): string {
  const key = Buffer.from(AES_KEY + '=', 'base64');
  const msg = Buffer.from(message);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const plain = Buffer.concat([Buffer.from('0123456789abcdef'), len, msg, Buffer.from(APPID)]);
  const pad = 32 - (plain.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64');
}
function secureRequest(inner: string, ts = now(), nonce = 'sn'): { query: string; body: string } {
  const enc = encrypt(inner);
  return {
    query: `timestamp=${ts}&nonce=${nonce}&encrypt_type=aes&msg_signature=${sha1(TOKEN, ts, nonce, enc)}&signature=${sha1(TOKEN, ts, nonce)}`,
    body: `<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`,
  };
}

const text = (content: string, from: string, id: string) =>
  `<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${id}</MsgId></xml>`;
const event = (from: string, name: string, key: string, createTime: string) =>
  `<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${name}]]></Event><EventKey><![CDATA[${key}]]></EventKey></xml>`;

let plain: Running;
let secure: Running;
const logLines: string[] = [];

async function start(env: Record<string, string>): Promise<Running> {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir(), KNOWLEDGE_DIR, INTENTS_DIR, USER_HASH_SECRET: 's', WECHAT_TOKEN: TOKEN, ...env }, false);
  return startServer(config, pino({ level: 'info' }, sink), { watch: false });
}

beforeAll(async () => {
  plain = await start({});
  secure = await start({ WECHAT_ENCODING_AES_KEY: AES_KEY, WECHAT_APPID: APPID });
});
afterAll(async () => {
  await plain.close();
  await secure.close();
  cleanTemps();
});

const post = (base: string, query: string, body: string) => fetch(`${base}/wechat?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });

/**
 * Send the headers and the first bytes of a 60 KB body, and wait: the answer must come
 * while the rest of the body has not been sent (so the server cannot have parsed it).
 */
function answerBeforeBody(base: string, query: string): Promise<{ status: number; text: string } | 'waited for the body'> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/wechat?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml', 'content-length': '60000' }, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('waited for the body');
    }, 2000);
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, text: body });
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') resolve('waited for the body');
      else reject(err);
    });
    req.write(`<xml><ToUserName>gh</ToUserName><Content>${'a'.repeat(100)}`);
  });
}

const metrics = async (s: Running) => (await fetch(`${s.url}/metrics`)).text();
const refused = (m: string, reason: string) => Number(new RegExp(`wenzheng_wechat_refused_total\\{reason="${reason}"\\} (\\d+)`).exec(m)?.[1] ?? 0);

describe('finding 4: the URL signature is checked before the body is read', () => {
  test('plain mode: a forged request is answered before its body has arrived', async () => {
    const r = await answerBeforeBody(plain.url, `timestamp=${now()}&nonce=n&signature=${'0'.repeat(40)}`);
    expect(r).toEqual({ status: 401, text: 'invalid signature' });
  });

  test('安全模式: a forged URL is answered before its body has arrived', async () => {
    const r = await answerBeforeBody(secure.url, `timestamp=${now()}&nonce=n&encrypt_type=aes&msg_signature=${'1'.repeat(40)}&signature=${'0'.repeat(40)}`);
    expect(r).toEqual({ status: 401, text: 'invalid signature' });
  });

  test('encrypt_type=aes where no AES key is configured: refused before the body is read', async () => {
    const r = await answerBeforeBody(plain.url, `${signed()}&encrypt_type=aes&msg_signature=${'1'.repeat(40)}`);
    expect(r).not.toBe('waited for the body');
    expect((r as { status: number }).status).toBe(400);
  });

  test('a correctly signed request is still read and answered', async () => {
    const res = await post(plain.url, signed(), text('居住证怎么办理', 'oSigned', '51001'));
    expect(res.status).toBe(200);
    expect(parseMessage(await res.text())?.Content).toContain('居住证');
  });
});

describe('finding 9: refusals are counted by reason and logged, throttled', () => {
  test('bad signature, stale timestamp, decrypt failure and a missing AES key each have their count', async () => {
    const before = { plain: await metrics(plain), secure: await metrics(secure) };
    await post(plain.url, `timestamp=${now()}&nonce=n&signature=${'0'.repeat(40)}`, '<xml/>');
    await post(plain.url, signed(String(Number(now()) - 600)), '<xml/>');
    await post(plain.url, signed(String(Number(now()) - 601)), '<xml/>');
    await post(plain.url, `${signed()}&encrypt_type=aes`, '<xml/>');
    // A correctly signed envelope whose ciphertext is not ours.
    const ts = now();
    const garbage = Buffer.alloc(64, 7).toString('base64');
    const forgedBody = `<xml><Encrypt><![CDATA[${garbage}]]></Encrypt></xml>`;
    const res = await post(secure.url, `timestamp=${ts}&nonce=x&encrypt_type=aes&msg_signature=${sha1(TOKEN, ts, 'x', garbage)}&signature=${sha1(TOKEN, ts, 'x')}`, forgedBody);
    expect(res.status).toBe(401);
    const after = { plain: await metrics(plain), secure: await metrics(secure) };
    expect(refused(after.plain, 'bad_signature') - refused(before.plain, 'bad_signature')).toBe(1);
    expect(refused(after.plain, 'stale_timestamp') - refused(before.plain, 'stale_timestamp')).toBe(2);
    expect(refused(after.plain, 'aes_not_configured') - refused(before.plain, 'aes_not_configured')).toBe(1);
    expect(refused(after.secure, 'decrypt_failed') - refused(before.secure, 'decrypt_failed')).toBe(1);
  });

  test('a stale timestamp says the server clock may be off, by how much, once a minute however many', async () => {
    const s = await start({});
    const mark = logLines.length;
    for (let i = 0; i < 5; i++) expect((await post(s.url, signed(String(Number(now()) - 900), `n${i}`), '<xml/>')).status).toBe(401);
    const stale = logLines.slice(mark).filter((l) => l.includes('"reason":"stale_timestamp"'));
    await s.close();
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatch(/clock is off/);
    expect(stale[0]).toMatch(/"skewSeconds":-9\d\d/);
  });

  test('URL verification refusals are counted too', async () => {
    const before = refused(await metrics(plain), 'bad_signature');
    expect((await fetch(`${plain.url}/wechat?timestamp=${now()}&nonce=n&signature=bad&echostr=x`)).status).toBe(401);
    expect(refused(await metrics(plain), 'bad_signature')).toBe(before + 1);
  });
});

describe('finding 10: 安全模式 retries, menu clicks, long texts', () => {
  test('安全模式: a retried event whose first reply was "success" gets plain "success" again', async () => {
    const xml = event('oUnsub', 'unsubscribe', '', now());
    for (let i = 0; i < 3; i++) {
      const { query, body } = secureRequest(xml, now(), `retry${i}`);
      const res = await post(secure.url, query, body);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('success');
    }
  });

  test('two menu clicks in the same second are two questions, two answers, two records', async () => {
    await plain.ctx.log.flush();
    const count = () => (sqliteLog(plain.ctx.log).db.prepare("SELECT count(*) AS n FROM interactions WHERE channel = 'wechat'").get() as { n: number }).n;
    const before = count();
    const second = now();
    const keys = [...plain.ctx.engine.brain.intents.menu.keys()].slice(0, 2);
    expect(keys).toHaveLength(2);
    const answers = [];
    for (const key of keys) answers.push(parseMessage(await (await post(plain.url, signed(), event('oClicker', 'CLICK', key, second))).text())?.Content);
    expect(answers[0]).toBeTruthy();
    expect(answers[1]).toBeTruthy();
    expect(answers[1]).not.toBe(answers[0]);
    // A retry of the second click still gets its own answer, and is not recorded again.
    expect(parseMessage(await (await post(plain.url, signed(now(), 'again'), event('oClicker', 'CLICK', keys[1] ?? '', second))).text())?.Content).toBe(answers[1]);
    await plain.ctx.log.flush();
    expect(count()).toBe(before + 2);
  });

  test('a correctly signed text over the body limit gets a polite reply, not HTTP 413', async () => {
    const long = '我想问一下身份证的事情'.repeat(7000); // ~230 KB
    const res = await post(plain.url, signed(), text(long, 'oLong', '52001'));
    expect(res.status).toBe(200);
    const reply = parseMessage(await res.text());
    expect(reply).toMatchObject({ ToUserName: 'oLong', FromUserName: 'gh', MsgType: 'text' });
    expect(reply?.Content).toContain('太长');
    await plain.ctx.log.flush();
    expect(sqliteLog(plain.ctx.log).db.prepare("SELECT text FROM interactions WHERE text = '[超长消息]'").all()).toHaveLength(1);
  });

  test('安全模式: the same, encrypted', async () => {
    const { query, body } = secureRequest(text('户口'.repeat(30000), 'oLongSecure', '52002'));
    expect(Buffer.byteLength(body)).toBeGreaterThan(64 * 1024);
    const res = await post(secure.url, query, body);
    expect(res.status).toBe(200);
    const outer = parseMessage(await res.text());
    expect(outer?.Encrypt).toBeTruthy();
    const key = Buffer.from(AES_KEY + '=', 'base64');
    const { createDecipheriv } = await import('node:crypto');
    const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const plainText = Buffer.concat([d.update(Buffer.from(outer?.Encrypt ?? '', 'base64')), d.final()]);
    const n = plainText.readUInt32BE(16);
    expect(parseMessage(plainText.subarray(20, 20 + n).toString())?.Content).toContain('太长');
  });

  test('a body over even the hard limit is answered "success", never an error', async () => {
    const res = await post(plain.url, signed(), text('x'.repeat(1_200_000), 'oHuge', '52003'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
  });
});
