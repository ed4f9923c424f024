import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { WechatCrypto } from '../../src/channels/wechat/crypto.js';
import { splitReply } from '../../src/channels/wechat/split.js';
import { parseMessage } from '../../src/channels/wechat/xml.js';
import { cleanTemps, testServer } from '../helpers.js';

const TOKEN = 'wenzheng-test-token';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APPID = 'wxb11529c136998cb6';

/** Signature as the platform documents it, written out here independently of the app. */
function platformSign(...parts: string[]): string {
  return createHash('sha1').update(parts.sort().join('')).digest('hex');
}

/** 安全模式 encryption written out independently: AES-256-CBC, PKCS#7 to 32 bytes. */
function platformEncrypt(message: string, random = Buffer.from('0123456789abcdef')): string {
  const key = Buffer.from(AES_KEY + '=', 'base64');
  const msg = Buffer.from(message);
  const len = Buffer.from([(msg.length >>> 24) & 255, (msg.length >>> 16) & 255, (msg.length >>> 8) & 255, msg.length & 255]);
  const plain = Buffer.concat([random, len, msg, Buffer.from(APPID)]);
  const pad = 32 - (plain.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64');
}
function platformDecrypt(b64: string): string {
  const key = Buffer.from(AES_KEY + '=', 'base64');
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]);
  const body = plain.subarray(16, plain.length - (plain[plain.length - 1] ?? 0));
  const n = body.readUInt32BE(0);
  expect(body.subarray(4 + n).toString()).toBe(APPID);
  return body.subarray(4, 4 + n).toString();
}

describe('安全模式 crypto', () => {
  test('matches the platform SDK’s published vector', () => {
    // From the official WXBizMsgCrypt Java SDK tests.
    const c = new WechatCrypto(AES_KEY, APPID);
    const cipher = 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==';
    expect(c.encrypt('我是中文abcd123', Buffer.from('aaaabbbbccccdddd'))).toBe(cipher);
    expect(c.decrypt(cipher)).toBe('我是中文abcd123');
  });

  test('agrees with an independent implementation both ways, and checks the appid', () => {
    const c = new WechatCrypto(AES_KEY, APPID);
    const xml = '<xml><Content><![CDATA[居住证怎么办]]></Content></xml>';
    expect(c.encrypt(xml, Buffer.from('0123456789abcdef'))).toBe(platformEncrypt(xml));
    expect(platformDecrypt(c.encrypt('回复'))).toBe('回复');
    expect(() => new WechatCrypto(AES_KEY, 'wx-other-app').decrypt(platformEncrypt(xml))).toThrow('AppID');
    expect(() => c.decrypt('not base64 at all!!')).toThrow();
  });
});

describe('splitReply', () => {
  test('splits at paragraph boundaries under the byte limit', () => {
    const text = Array.from({ length: 12 }, (_, i) => `第${i + 1}段：${'居民身份证'.repeat(10)}`).join('\n\n');
    const parts = splitReply(text, 500);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(500);
    expect(parts.slice(0, -1).every((p) => p.endsWith('（内容较长，回复“更多”查看下一部分）'))).toBe(true);
    expect(parts.join('').replace(/（内容较长.*?）/g, '').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
});

describe('official account endpoint', () => {
  let plain: Awaited<ReturnType<typeof testServer>>;
  let secure: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    plain = await testServer({ WECHAT_TOKEN: TOKEN, WECHAT_REPLY_MAX_BYTES: '400' });
    secure = await testServer({ WECHAT_TOKEN: TOKEN, WECHAT_ENCODING_AES_KEY: AES_KEY, WECHAT_APPID: APPID });
  });
  afterAll(async () => {
    await plain.close();
    await secure.close();
    cleanTemps();
  });

  const now = () => String(Math.floor(Date.now() / 1000));
  const signedQuery = (ts = now(), nonce = 'n0nce') => `timestamp=${ts}&nonce=${nonce}&signature=${platformSign(TOKEN, ts, nonce)}`;
  let msgId = 1000;
  const textXml = (content: string, from = 'oUser1', id = String(++msgId)) =>
    `<xml><ToUserName><![CDATA[gh_bureau]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${id}</MsgId></xml>`;
  const post = (base: string, query: string, body: string) =>
    fetch(`${base}/wechat?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  /** Official-account exchanges in the plain server's log. */
  const count = async () => {
    await plain.ctx.log.flush();
    return (await plain.ctx.reports.interactions(new Date(0), new Date(Date.now() + 1))).filter((r) => r.channel === 'wechat').length;
  };

  test('URL verification echoes echostr only for a valid signature', async () => {
    const ts = now();
    const ok = await fetch(`${plain.url}/wechat?${signedQuery(ts)}&echostr=hello123`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('hello123');
    const bad = await fetch(`${plain.url}/wechat?timestamp=${ts}&nonce=n0nce&signature=${'0'.repeat(40)}&echostr=hello123`);
    expect(bad.status).toBe(401);
    expect(await bad.text()).not.toContain('hello123');
    const stale = String(Number(ts) - 3600);
    expect((await fetch(`${plain.url}/wechat?${signedQuery(stale)}&echostr=x`)).status).toBe(401);
  });

  test('a text message gets a passive text reply, logged once', async () => {
    const before = await count();
    const res = await post(plain.url, signedQuery(), textXml('居住证怎么办理', 'oUserText'));
    expect(res.status).toBe(200);
    const reply = parseMessage(await res.text());
    expect(reply).toMatchObject({ ToUserName: 'oUserText', FromUserName: 'gh_bureau', MsgType: 'text' });
    expect(reply?.Content).toContain('居住证');
    expect(await count()).toBe(before + 1);
  });

  test('"没用" right after an answer is a verdict, not a new question: an apology, and a 答非所问 signal with the question and the item', async () => {
    const answer = parseMessage(await (await post(plain.url, signedQuery(), textXml('临时身份证怎么办', 'oUserVerdict'))).text());
    expect(answer?.Content).toContain('临时');
    const verdict = parseMessage(await (await post(plain.url, signedQuery(), textXml('没用', 'oUserVerdict'))).text());
    expect(verdict?.Content).toContain('抱歉');
    await plain.ctx.log.flush();
    const signal = (await plain.ctx.reports.signals({ kind: 'unhelpful' })).find((s) => s.examples.includes('临时身份证怎么办'));
    expect(signal).toMatchObject({ kind: 'unhelpful', itemId: 'temp-idcard', count: 1 });
    expect((await plain.ctx.reports.signals({ kind: 'unmet' })).some((s) => s.examples.includes('没用'))).toBe(false);
    // "没用" again, now after the apology, is no verdict on anything: the signal stays at one.
    await post(plain.url, signedQuery(), textXml('没用', 'oUserVerdict'));
    await plain.ctx.log.flush();
    expect((await plain.ctx.reports.signals({ kind: 'unhelpful' })).find((s) => s.id === signal?.id)?.count).toBe(1);
  });

  test('a forged signature is refused with 401 and not logged', async () => {
    const before = await count();
    const res = await post(plain.url, `timestamp=${now()}&nonce=x&signature=deadbeef`, textXml('你好'));
    expect(res.status).toBe(401);
    expect(await count()).toBe(before);
  });

  test('a retried MsgId gets the same reply and is logged once', async () => {
    const before = await count();
    const xml = textXml('身份证丢了怎么办', 'oUserRetry', '777000');
    const first = await (await post(plain.url, signedQuery(), xml)).text();
    const second = await (await post(plain.url, signedQuery(now(), 'other'), xml)).text();
    const third = await (await post(plain.url, signedQuery(now(), 'third'), xml)).text();
    expect(parseMessage(second)?.Content).toBe(parseMessage(first)?.Content);
    expect(parseMessage(third)?.Content).toBe(parseMessage(first)?.Content);
    expect(await count()).toBe(before + 1);
  });

  test('retries that arrive while the first is still being answered get the same reply, logged once', async () => {
    const before = await count();
    const xml = textXml('居住证要什么材料', 'oUserBurst', '777001');
    const replies = await Promise.all(['a', 'b', 'c'].map(async (nonce) => (await post(plain.url, signedQuery(now(), nonce), xml)).text()));
    expect(new Set(replies.map((r) => parseMessage(r)?.Content)).size).toBe(1);
    expect(parseMessage(replies[0] ?? '')?.Content).toContain('居住证');
    expect(await count()).toBe(before + 1);
  });

  test('subscribe is welcomed with the menu; a CLICK event is answered from the menu map', async () => {
    const event = (e: string, key = '') =>
      `<xml><ToUserName><![CDATA[gh_bureau]]></ToUserName><FromUserName><![CDATA[oUserEvt]]></FromUserName><CreateTime>${Number(now()) + Math.floor(Math.random() * 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${e}]]></Event><EventKey><![CDATA[${key}]]></EventKey></xml>`;
    const welcome = parseMessage(await (await post(plain.url, signedQuery(), event('subscribe'))).text());
    expect(welcome?.Content).toContain('感谢关注');
    const click = parseMessage(await (await post(plain.url, signedQuery(), event('CLICK', 'RESIDENCE_PERMIT'))).text());
    expect(click?.Content).toContain('居住证');
    const unsubscribe = await (await post(plain.url, signedQuery(), event('unsubscribe'))).text();
    expect(unsubscribe).toBe('success');
  });

  test('an image message gets a polite text reply', async () => {
    const xml = `<xml><ToUserName><![CDATA[gh_bureau]]></ToUserName><FromUserName><![CDATA[oUserImg]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://example.invalid/a.jpg]]></PicUrl><MediaId><![CDATA[m1]]></MediaId><MsgId>${++msgId}</MsgId></xml>`;
    const reply = parseMessage(await (await post(plain.url, signedQuery(), xml)).text());
    expect(reply?.Content).toContain('文字');
  });

  test('a long answer is split; "更多" continues', async () => {
    const first = parseMessage(await (await post(plain.url, signedQuery(), textXml('身份证丢了怎么补办', 'oUserLong'))).text());
    expect(Buffer.byteLength(first?.Content ?? '')).toBeLessThanOrEqual(400);
    expect(first?.Content).toContain('更多');
    const next = parseMessage(await (await post(plain.url, signedQuery(), textXml('更多', 'oUserLong'))).text());
    expect(next?.Content).toBeTruthy();
    expect(next?.Content).not.toBe(first?.Content);
  });

  test('garbage, XML entities and an empty body never produce a 5xx', async () => {
    for (const body of ['', 'not xml', '<xml><a>', '<!DOCTYPE x [<!ENTITY e "boom">]><xml><FromUserName>&e;</FromUserName></xml>', '<xml></xml>']) {
      const res = await post(plain.url, signedQuery(), body);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('success');
    }
  });

  test('安全模式: an encrypted message is decrypted, answered and the reply encrypted and signed', async () => {
    const ts = now();
    const nonce = 'sec-nonce';
    const encrypt = platformEncrypt(textXml('依申请公开多久答复', 'oUserSecure'));
    const body = `<xml><ToUserName><![CDATA[gh_bureau]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const query = `timestamp=${ts}&nonce=${nonce}&encrypt_type=aes&msg_signature=${platformSign(TOKEN, ts, nonce, encrypt)}&signature=${platformSign(TOKEN, ts, nonce)}`;
    const res = await post(secure.url, query, body);
    expect(res.status).toBe(200);
    const outer = parseMessage(await res.text());
    expect(outer?.MsgSignature).toBe(platformSign(TOKEN, outer?.TimeStamp ?? '', outer?.Nonce ?? '', outer?.Encrypt ?? ''));
    const inner = parseMessage(platformDecrypt(outer?.Encrypt ?? ''));
    expect(inner).toMatchObject({ ToUserName: 'oUserSecure', MsgType: 'text' });
    expect(inner?.Content).toMatch(/答复|工作日/);

    const forged = await post(secure.url, query.replace(/msg_signature=[0-9a-f]+/, 'msg_signature=' + 'a'.repeat(40)), body);
    expect(forged.status).toBe(401);
  });
});
