/**
 * What the core adds to a reply for channels that can show more than text: the item's
 * legal basis (folded on the web) and "您可能还想问" (related questions from the same area),
 * and the welcome's suggested questions (staff's, else the most-asked items). The text
 * every channel (WeChat first) shows is left exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { questionFor, relatedQuestions, RELATED_MAX, RELATED_MIN } from '../../src/dialog/related.js';
import { welcomeSuggestions } from '../../src/dialog/suggestions.js';
import type { Brain } from '../../src/engine/brain.js';
import { loadIntents, SUGGESTIONS } from '../../src/intents/load.js';
import type { KnowledgeProblem } from '../../src/knowledge/types.js';
import { cleanTemps, INTENTS_DIR, tempDir, testEngine, type TestEngine } from '../helpers.js';

let t: TestEngine;
let brain: Brain;
beforeAll(() => {
  t = testEngine();
  brain = t.engine.brain;
});
afterAll(async () => {
  await t.close();
  cleanTemps();
});

describe('basis and related questions on a reply', () => {
  test('an answer carries its item’s basis and 2–3 related questions from the same area; the text keeps its 依据 line', async () => {
    const reply = await t.ask('居住证要什么材料', 'basis-1');
    expect(reply).toMatchObject({ kind: 'answer', item: { id: 'residence-permit-apply' }, field: '所需材料' });
    const item = brain.items.get('residence-permit-apply')!;
    expect(reply.basis).toEqual(item.basis);
    expect(reply.text).toContain(`依据：${item.basis.join('；')}`);
    // Its area (居住登记与居住证) has two other items: those two, nothing from elsewhere.
    expect(reply.related?.map((r) => r.id)).toEqual(['residence-permit-renew', 'residence-registration']);
    for (const r of reply.related!) expect(r).toEqual({ id: r.id, title: brain.items.get(r.id)!.title, question: questionFor(brain.items.get(r.id)!) });
  });

  test('every item has 2–3 related questions, from its own area first, and each question is answered with its item', async () => {
    for (const item of brain.knowledge.items) {
      const related = relatedQuestions(brain, item.id);
      expect({ id: item.id, n: related.length >= RELATED_MIN && related.length <= RELATED_MAX }).toEqual({ id: item.id, n: true });
      const areas = related.map((r) => brain.items.get(r.id)!);
      const sameArea = brain.knowledge.items.filter((i) => i.category === item.category && i.id !== item.id).length;
      // From the same area when it has two others or more; else those it has, then the same kind of business.
      const fromArea = areas.filter((i) => i.category === item.category).length;
      expect({ id: item.id, fromArea }).toEqual({ id: item.id, fromArea: sameArea >= RELATED_MIN ? related.length : sameArea });
      expect(areas.slice(0, fromArea).every((i) => i.category === item.category)).toBe(true);
      expect(areas.every((i) => i.kind === item.kind && i.id !== item.id)).toBe(true);
    }
    // Tapping a related question asks its question: the bot answers that very item.
    for (const item of brain.knowledge.items) {
      const reply = await t.ask(questionFor(item), `q-${item.id}`);
      expect({ q: questionFor(item), kind: reply.kind, id: reply.item?.id }).toEqual({ q: questionFor(item), kind: 'answer', id: item.id });
    }
  });

  test('an area of one item is topped up with the nearest of the same kind (临时身份证 → 居民身份证)', async () => {
    expect(relatedQuestions(brain, 'temp-idcard').map((r) => brain.items.get(r.id)!.category)).toEqual(['居民身份证', '居民身份证', '居民身份证']);
  });

  test('no item, no extras: chat, fallback and clarify replies are as they were', async () => {
    const kinds: string[] = [];
    for (const text of ['你好', '今天天气怎么样', '要什么材料', '转人工']) {
      const reply = await t.ask(text, `none-${text}`);
      kinds.push(reply.kind);
      expect(reply.item).toBeNull();
      expect(Object.keys(reply).sort()).toEqual(['field', 'item', 'kind', 'options', 'score', 'text']);
    }
    expect(kinds).toEqual(['chat', 'fallback', 'clarify', 'redirect']);
  });

  test('an emergency that also answers keeps the basis but offers no related questions', async () => {
    const reply = await t.ask('有人拿刀在门口 身份证丢了怎么补办', 'danger-1');
    expect(reply).toMatchObject({ kind: 'emergency', item: { id: 'idcard-lost' } });
    expect(reply.basis).toEqual(brain.items.get('idcard-lost')!.basis);
    expect(reply.related).toBeUndefined();
  });
});

describe('the welcome’s suggested questions', () => {
  test('staff’s 6–8 questions in intents/suggestions.yaml, each answered by the bot', async () => {
    const chosen = brain.intents.suggestions;
    expect(chosen.length).toBeGreaterThanOrEqual(SUGGESTIONS.min);
    expect(chosen.length).toBeLessThanOrEqual(SUGGESTIONS.max);
    expect(welcomeSuggestions(brain, ['idcard-lost'])).toEqual(chosen.map((question) => ({ question, id: null })));
    for (const q of chosen) expect({ q, kind: (await t.ask(q, `s-${q}`)).kind }).toEqual({ q, kind: 'answer' });
  });

  test('none chosen: the most-asked items first, then one per area, 8 in all, no repeats', async () => {
    const none = { ...brain, intents: { ...brain.intents, suggestions: [] } };
    const list = welcomeSuggestions(none, ['disclosure-fees', 'no-such-item', 'idcard-lost']);
    expect(list).toHaveLength(SUGGESTIONS.max);
    expect(list.slice(0, 2).map((s) => s.id)).toEqual(['disclosure-fees', 'idcard-lost']);
    expect(new Set(list.map((s) => s.id)).size).toBe(list.length);
    expect(list[0]).toEqual({ id: 'disclosure-fees', question: questionFor(brain.items.get('disclosure-fees')!) });
    // A new installation with an empty log still gets a full row, one per area.
    const fresh = welcomeSuggestions(none, []);
    expect(fresh).toHaveLength(SUGGESTIONS.max);
    expect(new Set(fresh.map((s) => brain.items.get(s.id!)!.category)).size).toBe(SUGGESTIONS.max);
  });
});

describe('intents/suggestions.yaml is checked like the other intent files', () => {
  function load(yaml: string | null): { suggestions?: string[]; problems: KnowledgeProblem[] } {
    const dir = join(tempDir(), 'intents');
    cpSync(INTENTS_DIR, dir, { recursive: true });
    if (yaml === null) rmSync(join(dir, 'suggestions.yaml'));
    else writeFileSync(join(dir, 'suggestions.yaml'), yaml);
    const problems: KnowledgeProblem[] = [];
    const intents = loadIntents(dir, problems);
    return { suggestions: intents?.suggestions, problems: problems.filter((p) => p.file === 'intents/suggestions.yaml') };
  }
  const list = (n: number) => 'suggestions:\n' + Array.from({ length: n }, (_, i) => `  - 问题${i + 1}\n`).join('');

  test('absent, empty or only comments: none chosen (the server falls back)', async () => {
    expect(load(null)).toEqual({ suggestions: [], problems: [] });
    expect(load('# 还没选\n')).toEqual({ suggestions: [], problems: [] });
    expect(load('suggestions:\n')).toEqual({ suggestions: [], problems: [] });
  });

  test('fewer than 6: used, with a warning', async () => {
    expect(load(list(3))).toEqual({
      suggestions: ['问题1', '问题2', '问题3'],
      problems: [{ severity: 'warning', file: 'intents/suggestions.yaml', line: 2, message: '常见问题只有 3 个，建议 6–8 个' }],
    });
  });

  test('errors name the file and line, and the intents are rejected (the reload keeps the old ones)', async () => {
    const cases: [string, number | undefined, string][] = [
      [list(9), 2, '常见问题最多 8 个'],
      ['suggestions:\n  - 身份证丢了\n  - 居住证\n  - 身份证丢了\n', 4, '重复'],
      ['suggestions:\n  - 身份证丢了\n  - "  "\n', 3, '常见问题不能为空'],
      [`suggestions:\n  - ${'很'.repeat(31)}\n`, 2, '最长 30 个字'],
      ['suggestions:\n  - 身份证丢了\n  - [1, 2]\n', 3, '每个常见问题写成一句话'],
      ['suggestions: [身份证丢了\n', undefined, 'YAML 格式错误'],
    ];
    for (const [yaml, line, message] of cases) {
      const { suggestions, problems: all } = load(yaml);
      const problems = all.filter((p) => p.severity === 'error');
      expect(suggestions).toBeUndefined();
      expect(problems).toEqual([expect.objectContaining({ severity: 'error', file: 'intents/suggestions.yaml', message: expect.stringContaining(message) })]);
      if (line) expect(problems[0]!.line).toBe(line);
    }
  });
});
