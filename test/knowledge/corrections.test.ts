/**
 * Issue #14: items corrected against 公安部《户口居民身份证管理工作规范（试行）》
 * (公通字〔2021〕12号, in force 2021-10-01) and the other texts it names. Each test asks a
 * citizen's question through the real engine, checks that the right item answers, and pins
 * both the corrected fact (office, papers, fee or days) and the absence of the old wrong one.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Knowledge, KnowledgeItem } from '../../src/knowledge/types.js';
import { cleanTemps, KNOWLEDGE_DIR, testEngine, type TestEngine } from '../helpers.js';

let knowledge: Knowledge;
let t: TestEngine;
let asked = 0;
beforeAll(() => {
  knowledge = loadKnowledge(KNOWLEDGE_DIR);
  t = testEngine();
});
afterAll(() => {
  t.close();
  cleanTemps();
});

/** The reply to a fresh question: it must be an answer from `id` (and its section `field`). */
function reply(question: string, id: string, field?: string): string {
  const r = t.ask(question, `corrections-${asked++}`);
  expect(`${r.kind} ${r.item?.id ?? ''}`).toBe(`answer ${id}`);
  if (field) expect(r.field).toBe(field);
  return r.text;
}

function item(id: string): KnowledgeItem {
  const found = knowledge.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

/** Summary and every section of an item, as written (before offices.yaml is applied). */
function fullText(i: KnowledgeItem): string {
  return [i.summary, ...i.sections.map((s) => s.body)].join('\n');
}

describe('fix 6 · 居民身份证发证时限：规范第八十条 45 日在先，身份证法第十二条 60 日并列', () => {
  test.each([
    ['补办身份证多久能拿到', 'idcard-lost'],
    ['第一次办身份证多久能拿到', 'idcard-first'],
    ['身份证到期换新要多长时间', 'idcard-renew'],
    ['改名后换身份证要多久', 'change-name'],
  ])('%s → %s: 一般 45 日内发证, then the law’s 60 日', (question, id) => {
    const text = reply(question, id, '办理时限');
    expect(text).toContain('一般 45 日内发证');
    expect(text).toContain('第八十条');
    expect(text).toContain('60 日');
    expect(text.indexOf('45 日')).toBeLessThan(text.indexOf('60 日'));
    expect(text).not.toMatch(/60 日内发放|60 日内发证/);
  });

  test('异地受理：户籍地 5 日内签发，受理地一般 45 日内发证（第八十四条）', () => {
    const text = reply('在外地补办身份证多久能拿到', 'idcard-nonlocal', '办理时限');
    expect(text).toContain('5 日内签发');
    expect(text).toContain('一般 45 日内发证');
    expect(text).toContain('第八十四条');
    expect(text).not.toMatch(/60 日内发放|60 日内发证/);
  });

  test('no item gives 60 days as the time to expect, and every item that names 60 days names 45 first', () => {
    for (const i of knowledge.items.filter((x) => x.kind === 'household')) {
      const text = fullText(i);
      expect(`${i.id}: ${/60 日内发放|60 日内发证/.test(text)}`).toBe(`${i.id}: false`);
      if (/居民身份证法.{0,20}60 日|60 日（/.test(text)) {
        expect(`${i.id}: ${text.indexOf('45 日') >= 0 && text.indexOf('45 日') < text.indexOf('60 日')}`).toBe(`${i.id}: true`);
      }
    }
  });
});
