/**
 * Property tests (fast-check): whatever a citizen or a caller sends, the engine and the
 * official-account parser never throw, always answer validly, and in bounded time.
 *
 * The time bounds catch runaway work (a backtracking regex, a loop quadratic in the length),
 * which costs seconds or hours, not speed: a message takes about a millisecond (bench/RESULTS.md).
 * They are wide so that a busy machine (CI beside other jobs) does not fail them.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { parseMessage } from '../../src/channels/wechat/xml.js';
import { splitReply } from '../../src/channels/wechat/split.js';
import { maskPersonalData } from '../../src/text/mask.js';
import { cleanTemps, testEngine, type TestEngine } from '../helpers.js';

const KINDS = ['answer', 'clarify', 'fallback', 'chat', 'emergency', 'redirect'];
/** Pieces citizens (and attackers) actually send, mixed into random strings. */
const nasty = fc.constantFrom(
  ':', '~', '^', '+', '-', '*', '\\', '"', "'", '<xml>', ']]>', '<![CDATA[', '&amp;', '&e;', '<!ENTITY x "y">',
  "'; DROP TABLE interactions; --", '1 OR 1=1', '\u0000', '\u202e', '\ufeff', '😀', '👨‍👩‍👧', '身份证', '丢了', '110', '转人工',
  '410302199001011234', '13812345678', '\n', '\t', ' ', '第1个', '1', '更多',
);
const message = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 30 }).map((xs) => xs.join('')),
  fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
);

describe('engine under arbitrary input', () => {
  let t: TestEngine;
  beforeAll(() => {
    t = testEngine();
    t.engine.prepareSignals(); // as the server does at start: no message pays for building it
  });
  afterAll(() => {
    t.close();
    cleanTemps();
  });

  test('never throws, always a valid reply, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(message, fc.constantFrom('u1', 'u2', ''), async (text, user) => {
        const started = performance.now();
        const r = await t.ask(text, user);
        expect(KINDS).toContain(r.kind);
        expect(typeof r.text).toBe('string');
        expect(r.text.length).toBeGreaterThan(0);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(Array.isArray(r.options)).toBe(true);
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 400 },
    );
  });

  test('a megabyte of anything is answered quickly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }), async (chunk) => {
        const big = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
        const started = performance.now();
        expect(KINDS).toContain((await t.ask(big)).kind);
        expect(performance.now() - started).toBeLessThan(5000);
      }),
      { numRuns: 10 },
    );
  });

  test('masking never leaves an 18-digit ID or an 11-digit mobile behind', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.stringMatching(/^[1-9]\d{16}[\dX]$/), fc.stringMatching(/^1[3-9]\d{9}$/), fc.string({ maxLength: 20 }), (a, id, phone, b) => {
        const masked = maskPersonalData(`${a}${id} ${b}${phone}`);
        expect(masked).not.toContain(id);
        expect(masked).not.toContain(phone);
      }),
    );
  });
});

describe('official-account parsing under arbitrary bodies', () => {
  const xmlish = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 500 }),
    fc.array(fc.oneof(nasty, fc.constantFrom('<xml>', '</xml>', '<Content>', '</Content>', '<MsgId>', '</MsgId>', '<!DOCTYPE x [', ']>'), fc.string({ maxLength: 10 })), { maxLength: 40 }).map((xs) => xs.join('')),
  );

  test('parseMessage returns null or a flat record of strings, never throws', () => {
    fc.assert(
      fc.property(xmlish, (body) => {
        const started = performance.now();
        const m = parseMessage(body);
        if (m !== null) for (const v of Object.values(m)) expect(typeof v).toBe('string');
        expect(performance.now() - started).toBeLessThan(100);
      }),
      { numRuns: 1000 },
    );
  });

  test('entity expansion is off: a billion-laughs body stays small', () => {
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Content>&lol3;</Content><FromUserName>a</FromUserName></xml>`;
    const m = parseMessage(laughs);
    expect(JSON.stringify(m ?? {}).length).toBeLessThan(1000);
  });

  test('splitReply keeps every part within the byte limit for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3000 }), fc.integer({ min: 200, max: 2048 }), (text, limit) => {
        for (const part of splitReply(text, limit)) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 200 },
    );
  });
});
