/**
 * GET /api/suggestions, what the web chat's welcome shows: staff's questions when they
 * chose some; otherwise the items citizens asked about most (read from the log), topped
 * up per area. And ALLOWED_EMBED_ORIGINS, the setting for who may embed the chat, is
 * checked at start with a clear error.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { cleanTemps, INTENTS_DIR, postJson, tempDir, testServer } from '../helpers.js';

afterAll(cleanTemps);

describe('GET /api/suggestions', () => {
  test('staff’s questions, cacheable', async () => {
    const server = await testServer();
    const res = await fetch(server.url + '/api/suggestions');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const body = (await res.json()) as { suggestions: { question: string; id: string | null }[] };
    expect(body.suggestions.map((s) => s.question)).toEqual(server.ctx.engine.brain.intents.suggestions);
    expect(body.suggestions[0]).toEqual({ question: '身份证丢了怎么补办', id: null });
    await server.close();
  });

  test('none chosen: the most-asked items from the log come first', async () => {
    const intents = join(tempDir(), 'intents');
    cpSync(INTENTS_DIR, intents, { recursive: true });
    rmSync(join(intents, 'suggestions.yaml'));
    const server = await testServer({ INTENTS_DIR: intents });
    for (const [i, text] of ['依申请公开收费吗', '信息公开要钱吗', '申请信息公开收不收费', '居住证怎么签注'].entries()) {
      expect((await postJson(server.url + '/api/ask', { user: `c${i}`, text, channel: 'web' })).body.kind).toBe('answer');
    }
    const body = (await (await fetch(server.url + '/api/suggestions')).json()) as { suggestions: { question: string; id: string | null }[] };
    expect(body.suggestions).toHaveLength(8);
    expect(body.suggestions.slice(0, 2).map((s) => s.id)).toEqual(['disclosure-fees', 'residence-permit-renew']);
    expect(body.suggestions.every((s) => s.question.length > 0)).toBe(true);
    await server.close();
  });
});

describe('ALLOWED_EMBED_ORIGINS', () => {
  const parse = (v: string) => loadConfig({ ALLOWED_EMBED_ORIGINS: v }, false).ALLOWED_EMBED_ORIGINS;

  test('origins separated by commas or spaces; a trailing slash is dropped; unset is none', () => {
    expect(loadConfig({}, false).ALLOWED_EMBED_ORIGINS).toEqual([]);
    expect(parse('https://www.lyga.gov.cn/, https://*.luoyang.gov.cn  http://127.0.0.1:8080')).toEqual([
      'https://www.lyga.gov.cn',
      'https://*.luoyang.gov.cn',
      'http://127.0.0.1:8080',
    ]);
  });

  test('anything but an origin is refused at start, naming the value', () => {
    for (const bad of ['*', 'https://x.gov.cn/path', 'www.x.gov.cn', "'unsafe-inline'", 'javascript:alert(1)', 'https://a.cn;script-src *']) {
      expect(() => parse(bad)).toThrow(ConfigError);
      expect(() => parse(bad)).toThrow(/ALLOWED_EMBED_ORIGINS/);
    }
  });
});
