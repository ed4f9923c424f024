import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Engine } from '../../src/engine/engine.js';
import { SqliteLog } from '../../src/storage/sqlite/log.js';
import { SqliteReports } from '../../src/storage/sqlite/reports.js';
import { openReports } from '../../src/storage/open.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, tempDir, testEngine, type TestEngine } from '../helpers.js';

let t: TestEngine;
beforeAll(() => {
  t = testEngine();
});
afterAll(() => {
  t.close();
  cleanTemps();
});

describe('answers from the knowledge', () => {
  test('身份证丢了怎么办 → 补领', async () => {
    expect(await t.ask('身份证丢了怎么办', 'k1')).toMatchObject({ kind: 'answer', item: { id: 'idcard-lost' } });
  });

  test('spoken, misspelled and traditional forms reach the same item', async () => {
    for (const q of ['身分证掉了咋整', 'sfz弄丢了', '身份證遺失怎麼補辦']) {
      expect((await t.ask(q, `k-${q}`)).item?.id).toBe('idcard-lost');
    }
  });

  test('pinyin abbreviations no phrasing writes reach the item of the word they stand for', async () => {
    // No phrasing says jzz: the matcher reads it as 居住证 through the synonyms (features.ts).
    expect(await t.ask('jzz咋办', 'k-jzz')).toMatchObject({ kind: 'answer', item: { id: 'residence-permit-apply' } });
    expect((await t.ask('JZZ到期了咋整', 'k-jzz2')).item?.id).toBe('residence-permit-renew');
  });

  test('a section question answers that section with its 依据', async () => {
    const r = await t.ask('居住证办理需要什么材料', 'k2');
    expect(r).toMatchObject({ kind: 'answer', item: { id: 'residence-permit-apply' }, field: '所需材料' });
    expect(r.text).toContain('依据');
  });

  test('follow-ups stay on the topic: 居住证怎么办 → 要什么材料 → 要钱吗', async () => {
    expect((await t.ask('居住证怎么办', 'conv')).item?.id).toBe('residence-permit-apply');
    expect(await t.ask('要什么材料', 'conv')).toMatchObject({ item: { id: 'residence-permit-apply' }, field: '所需材料' });
    expect(await t.ask('要钱吗', 'conv')).toMatchObject({ item: { id: 'residence-permit-apply' }, field: '收费依据及标准' });
  });

  test('local facts are placeholders rendered honestly, never {{raw}} keys', async () => {
    const r = await t.ask('户口本丢了去哪补办', 'k3');
    expect(r.text).not.toMatch(/\{\{|待填写/);
  });

  test('unfilled local facts say 暂未公布 each, and where to ask instead once', async () => {
    const r = await t.ask('居住证在哪办', 'k4');
    expect(r.field).toBe('受理部门');
    expect((r.text.match(/（暂未公布）/g) ?? []).length).toBeGreaterThan(1);
    expect(r.text.match(/12345/g)).toHaveLength(1);
    expect(r.text).toContain('户政服务大厅'); // an unfilled name shows its generic noun
  });
});

describe('input that must not break anything', () => {
  test.each([
    ['lunr syntax', '身份证:补办~2^3'],
    ['operators', '+居住证 -材料 *申请* title:身份证'],
    ['only punctuation', '::~~^^**'],
    ['empty', ''],
    ['spaces', '   \n\t '],
    ['emoji', '😀😀😀'],
    ['control characters', '\u0000\u0007居住证\u001b[31m'],
    ['XML', '<xml><![CDATA[身份证]]></xml>'],
    ['SQL', "'; DROP TABLE interactions; --"],
    ['huge', '身份证丢了'.repeat(100_000)],
  ])('%s gets a valid reply', async (_name, text) => {
    const r = await t.ask(text, 'weird');
    expect(['answer', 'clarify', 'fallback', 'chat', 'emergency', 'redirect']).toContain(r.kind);
    expect(typeof r.text).toBe('string');
    expect(r.text.length).toBeGreaterThan(0);
  });

  test('SQL in a message is stored as plain text', async () => {
    const e = testEngine();
    await e.ask("'; DROP TABLE interactions; --", 'sql');
    await e.log.flush();
    const [row] = await e.reports.interactions(new Date(0), new Date(Date.now() + 1));
    expect(row?.text).toBe("'; DROP TABLE interactions; --");
    await e.close();
  });
});

describe('intents', () => {
  test.each([
    ['你好', 'chat', /问政助手/],
    ['谢谢', 'chat', /不客气/],
    ['哈哈 你还挺聪明', 'chat', /不客气/],
    ['你是谁', 'chat', /机器人/],
    ['帮助', 'chat', /居民身份证/],
    ['转人工', 'redirect', /12345/],
    ['你们几点上班', 'chat', /办公时间/],
    ['派出所电话多少', 'chat', /各派出所地址和电话/],
    ['我要投诉派出所民警态度差', 'redirect', /12389/],
    ['救命有人抢劫', 'emergency', /110/],
    ['我被骗了怎么办', 'emergency', /110/],
    ['孩子走失了', 'emergency', /110/],
  ])('%s → %s', async (text, kind, pattern) => {
    const r = await t.ask(text, `intent-${text}`);
    expect(r.kind).toBe(kind);
    expect(r.text).toMatch(pattern);
  });

  test('an ID card stolen just now: 110 first, then the 补领 answer, with its item', async () => {
    const r = await t.ask('身份证刚被偷了怎么补办', 'stolen');
    expect(r).toMatchObject({ kind: 'emergency', item: { id: 'idcard-lost' } });
    expect(r.text.indexOf('110')).toBeLessThan(r.text.indexOf('居民身份证遗失补领'));
  });

  test('投诉 inside a disclosure question is not a complaint', async () => {
    const r = await t.ask('对政府信息公开答复不服可以投诉吗', 'disc-complaint');
    expect(r.kind).toBe('answer');
    expect(r.item?.category).toBe('政府信息公开');
  });

  test('a greeting followed by a question answers the question', async () => {
    expect((await t.ask('你好，身份证丢了怎么办', 'hi-q')).item?.id).toBe('idcard-lost');
  });
});

describe('fallback and demand signals', () => {
  test('an item that shares no word with a first message is no answer unless the matcher is sure', async () => {
    // The matcher alone leans to 户籍证明 (p 0.5) for dialect weather talk; lunr finds nothing.
    expect((await t.ask('明个下雨不', 'unheard')).kind).toBe('fallback');
  });

  test('an unanswerable question falls back politely and becomes a signal', async () => {
    const e = testEngine();
    const r = await e.ask('今天天气怎么样', 's1');
    expect(r.kind).toBe('fallback');
    expect(r.text).toMatch(/12345/);
    await e.log.flush();
    expect((await e.reports.signals())[0]?.examples).toContain('今天天气怎么样');
    await e.close();
  });

  test('other departments’ look-alikes fall back, with a hint where to go', async () => {
    for (const q of ['驾驶证丢了怎么补办', '护照过期了怎么换', '结婚证丢了怎么补']) {
      expect((await t.ask(q, `oos-${q}`)).kind).toBe('fallback');
    }
    expect((await t.ask('驾照丢了', 'oos-hint')).text).toMatch(/交通管理|车管所/);
  });

  test('rephrasings of the same question group into one signal', async () => {
    const e = testEngine();
    await e.ask('驾驶证丢了', 'g1');
    await e.ask('驾驶证丢了怎么办', 'g2');
    await e.ask('驾驶证丢了咋办啊', 'g3');
    await e.log.flush();
    const [top] = await e.reports.signals();
    expect(top?.count).toBe(3);
    expect(top?.examples).toHaveLength(3);
    await e.close();
  });
});

describe('personal data and storage', () => {
  test('an 18-digit ID number, a phone and a bank card never reach the database file', async () => {
    const e = testEngine();
    const secrets = ['410302199001011234', '13812345678', '6222021234567890123'];
    await e.ask('我的身份证号410302199001011234丢了，电话13812345678', 'pii-user-openid-xyz');
    await e.ask('驾照丢了 卡号6222021234567890123', 'pii-user-openid-xyz');
    await e.close();
    const dir = dirname(e.dbPath);
    const bytes = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
    for (const s of [...secrets, 'pii-user-openid-xyz']) expect(bytes).not.toContain(s);
    const { reports, close } = await openReports({ dbPath: e.dbPath });
    const texts = (await reports.interactions(new Date(0), new Date(Date.now() + 1))).map((r) => r.text);
    await close();
    expect(texts[0]).toContain('[身份证号]');
    expect(texts[0]).toContain('[手机号]');
    expect(texts[1]).toContain('[银行卡号]');
  });

  test('a database that refuses writes never delays or breaks a reply', async () => {
    const dir = tempDir();
    const path = join(dir, 'locked.sqlite');
    const errors: unknown[] = [];
    const log = SqliteLog.open(path, { onError: (err) => errors.push(err) });
    const engine = new Engine({ knowledgeDir: KNOWLEDGE_DIR, intentsDir: INTENTS_DIR, log, hashUser: userHasher('s') });
    const locker = new Database(path);
    locker.exec('BEGIN EXCLUSIVE');
    const r = await engine.ask({ user: 'u', text: '身份证丢了怎么办', channel: 'test' });
    expect(r.item?.id).toBe('idcard-lost');
    await expect(log.flush()).resolves.toBe(false);
    expect(log.health().writeFailures).toBeGreaterThan(0);
    locker.exec('ROLLBACK');
    locker.close();
    await expect(log.flush()).resolves.toBe(true);
    await expect(new SqliteReports(log).interactionCount()).resolves.toBe(1);
    await log.close();
  });

  test('a session store that fails gives the polite fallback, never a rejection, and the exchange is still logged', async () => {
    const e = testEngine();
    const errors: string[] = [];
    const broken = new Engine({
      knowledgeDir: KNOWLEDGE_DIR,
      intentsDir: INTENTS_DIR,
      log: e.log,
      hashUser: userHasher('s'),
      sessions: { update: () => Promise.reject(new Error('session store down')) },
      onError: (err, context) => errors.push(`${context}: ${String(err)}`),
    });
    const r = await broken.ask({ user: 'u', text: '身份证丢了怎么办', channel: 'test' });
    expect(r).toMatchObject({ kind: 'fallback', item: null });
    expect(r.text).toContain('110');
    expect(errors).toEqual(['ask: Error: session store down']);
    await e.log.flush();
    expect(await e.reports.interactionCount()).toBe(1);
    await e.close();
  });
});
