/**
 * Personal data through the real server (finding 1 of issue 13): messages sent to the
 * HTTP API and the official account leave nothing of their numbers, names or addresses in
 * the database file, the demand signals, the logs, the admin pages or the exports.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { startServer, type Running } from '../../src/server/start.js';
import { cleanTemps, filesUnder, INTENTS_DIR, KNOWLEDGE_DIR, postJson, sqliteLog, tempDir } from '../helpers.js';
import { leaks, personalMessages, TEMPLATES, writtenNumber } from './messages.js';

const ADMIN = 'privacy-admin-token-1234';
const WECHAT = 'privacy-wechat-token';
const CHINESE: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The digits of a text however written (full-width, Chinese numerals), nothing else. */
const digitsIn = (s: string) =>
  Array.from(s.normalize('NFKC'))
    .map((c) => (/[0-9]/.test(c) ? c : (CHINESE[c] ?? '')))
    .join('');

let server: Running;
let dataDir: string;
const logLines: string[] = [];

beforeAll(async () => {
  dataDir = tempDir();
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig(
    {
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, KNOWLEDGE_DIR, INTENTS_DIR, USER_HASH_SECRET: 'privacy-secret', LOG_LEVEL: 'trace',
      ADMIN_TOKEN: ADMIN, WECHAT_TOKEN: WECHAT, RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_PER_USER: '1000000',
    },
    false,
  );
  server = await startServer(config, pino({ level: 'trace' }, sink), { watch: false });
});

afterAll(async () => {
  await server.close();
  cleanTemps();
});

const bearer = { authorization: `Bearer ${ADMIN}` };
const get = async (path: string) => (await fetch(server.url + path, { headers: bearer })).text();

/**
 * Everything an admin or an attacker with the files could read: rows, signals, export and
 * API lines, log lines, and the raw database files (searched as they are, since their
 * bytes run rows together).
 */
async function everythingStored(): Promise<{ lines: string[]; files: string[] }> {
  await server.ctx.log.flush();
  const db = sqliteLog(server.ctx.log).db;
  const rows = db.prepare('SELECT text FROM interactions').all() as { text: string }[];
  const signals = db.prepare('SELECT key, examples FROM signals').all() as { key: string; examples: string }[];
  const files = filesUnder(dataDir);
  const pages = await Promise.all(['/admin/export/signals.csv?from=2000-01-01', '/admin/export/interactions.csv?from=2000-01-01', '/admin/api/signals', '/admin/api/interactions?from=2000-01-01'].map(get));
  return {
    lines: [
      ...rows.map((r) => r.text),
      ...signals.flatMap((s) => [s.key, ...(JSON.parse(s.examples) as string[])]),
      ...pages.flatMap((p) => p.split(/\r?\n|(?<=\}),(?=\{)/)),
      ...logLines,
    ],
    files: files.flatMap((f) => [f.toString('utf8'), f.toString('latin1')]),
  };
}

function signedWechat(text: string, id: number): Promise<Response> {
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = createHash('sha1').update([WECHAT, ts, 'n'].sort().join('')).digest('hex');
  const xml = `<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[oPrivacy${id}]]></FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${900000 + id}</MsgId></xml>`;
  return fetch(`${server.url}/wechat?timestamp=${ts}&nonce=n&signature=${signature}`, { method: 'POST', body: xml });
}

describe('personal data is never stored', () => {
  test('the committed messages, through the API and the official account', async () => {
    const messages = personalMessages();
    let i = 0;
    for (const { message } of messages) {
      i++;
      if (i % 3 === 0) expect((await signedWechat(message.text, i)).status).toBe(200);
      else expect((await postJson(`${server.url}/api/ask`, { user: `committed-${i}`, text: message.text })).status).toBe(200);
    }
    const { lines, files } = await everythingStored();
    const stored = [...lines, ...files];
    const found = messages.flatMap(({ message }) => message.secrets.filter((secret) => stored.some((s) => leaks(s, secret))).map((secret) => `${message.text} → ${secret}`));
    expect(found).toEqual([]);
    // The questions themselves are kept, masked.
    expect(stored.some((s) => s.includes('我叫[姓名]'))).toBe(true);
    expect(stored.some((s) => s.includes('我住在[地址]'))).toBe(true);
  });

  test('property: numbers with random separators and invisible characters reach no table, signal, log or export', async () => {
    const sent: string[] = [];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(writtenNumber, fc.constantFrom(...TEMPLATES), fc.constantFrom('api', 'web'), async ({ number, written }, template, channel) => {
        n++;
        const text = template.replace('{}', written);
        sent.push(digitsIn(number));
        const res = await postJson(`${server.url}/api/ask`, { user: `prop-${n}`, text, channel });
        expect(res.status).toBe(200);
        await server.ctx.log.flush();
        const db = sqliteLog(server.ctx.log).db;
        const row = db.prepare('SELECT text, signal_id AS signalId FROM interactions ORDER BY id DESC LIMIT 1').get() as { text: string; signalId: number | null };
        // The templates hold no digits, numerals or x: whatever of the number is left shows.
        expect(row.text).not.toMatch(/[0-9xX零〇一二三四五六七八九幺]/);
        if (row.signalId !== null) {
          const signal = db.prepare('SELECT key, examples FROM signals WHERE id = ?').get(row.signalId) as { key: string; examples: string };
          expect(signal.key + signal.examples).not.toMatch(/[0-9xX零〇一二三四五六七八九幺]/);
        }
      }),
      { numRuns: 150 },
    );
    const { lines, files } = await everythingStored();
    const numbers = sent.map((d) => d.replace(/[^0-9]/g, ''));
    const lineDigits = lines.map(digitsIn);
    const found = [
      ...lines.filter((s, i) => numbers.some((d) => (lineDigits[i] ?? '').includes(d))),
      ...files.filter((s) => numbers.some((d) => s.includes(d))).map(() => '(a database file)'),
    ];
    expect(found.map((s) => s.slice(0, 200))).toEqual([]);
  });
});
