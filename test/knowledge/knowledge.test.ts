/**
 * The shipped knowledge: it validates, covers the catalogue, and finds itself — each
 * item's own aliases retrieve it (the bar is 98%), and every local fact is a placeholder
 * in offices.yaml, never typed into an item.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { HOUSEHOLD_CATEGORIES, HOUSEHOLD_SECTIONS, type Knowledge } from '../../src/knowledge/types.js';
import { cleanTemps, KNOWLEDGE_DIR, testEngine, type TestEngine } from '../helpers.js';
import { fixtureKnowledge, householdItem } from '../engine/fixture.js';

let knowledge: Knowledge;
let t: TestEngine;
beforeAll(() => {
  knowledge = loadKnowledge(KNOWLEDGE_DIR);
  t = testEngine();
});
afterAll(() => {
  t.close();
  cleanTemps();
});

describe('the shipped knowledge', () => {
  test('validates: no errors; warnings only for unfilled placeholders', () => {
    expect(knowledge.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(knowledge.problems.filter((p) => p.file !== 'offices.yaml')).toEqual([]);
  });

  test('34 household items in the 9 areas, every one with all 12 elements', () => {
    const household = knowledge.items.filter((i) => i.kind === 'household');
    expect(household).toHaveLength(34);
    expect(new Set(household.map((i) => i.category))).toEqual(new Set(HOUSEHOLD_CATEGORIES));
    for (const item of household) expect(item.sections.map((s) => s.name)).toEqual([...HOUSEHOLD_SECTIONS]);
  });

  test('at least 12 disclosure topics, each citing articles of the regulation', () => {
    const disclosure = knowledge.items.filter((i) => i.kind === 'disclosure');
    expect(disclosure.length).toBeGreaterThanOrEqual(12);
    for (const item of disclosure) expect(item.basis.join() + item.sections.map((s) => s.body).join()).toMatch(/第[一二三四五六七八九十百]+条/);
  });

  test('report items say their year', () => {
    for (const item of knowledge.items.filter((i) => i.kind === 'report')) {
      expect(item.year).toBe(2020);
      expect(item.summary + (item.sections.find((s) => s.name === '答复要点')?.body ?? '')).toMatch(/2020/);
    }
  });

  test('every item has at least 8 aliases; synonyms at least 100 mappings', () => {
    for (const item of knowledge.items) expect(item.aliases.length).toBeGreaterThanOrEqual(8);
    expect(knowledge.lexicon.synonyms.length).toBeGreaterThanOrEqual(100);
  });

  test('no local phone numbers or addresses typed into items: only national numbers', () => {
    const national = new Set(['110', '12345', '12389', '96110', '12123']);
    for (const item of knowledge.items) {
      const text = [item.summary, ...item.sections.map((s) => s.body)].join('\n');
      for (const m of text.matchAll(/(?<![0-9])(?:0\d{2,3}-?)?\d{7,8}(?![0-9])|(?<![0-9])\d{3,5}(?=[^0-9年月日元件条项个天号页万%])/g)) {
        const n = m[0].replace('-', '');
        if (/^\d{7,}$/.test(n)) expect(`${item.file}: ${n}`).toBe(`${item.file}: (no local phone)`);
        if (/^(110|12345|12389|96110|12123)$/.test(n)) expect(national.has(n)).toBe(true);
      }
    }
  });

  test("each item's own aliases retrieve it (at least 98%)", async () => {
    const misses: string[] = [];
    let total = 0;
    for (const item of knowledge.items) {
      for (const alias of item.aliases) {
        total++;
        const r = await t.ask(alias, `alias-${item.id}-${total}`);
        if (r.item?.id !== item.id) misses.push(`${item.id}: “${alias}” → ${r.kind} ${r.item?.id ?? ''}`);
      }
    }
    const rate = 1 - misses.length / total;
    if (misses.length) console.log(`alias self-retrieval ${(rate * 100).toFixed(1)}% of ${total}; misses:\n${misses.join('\n')}`);
    expect(rate).toBeGreaterThanOrEqual(0.98);
  });

  test('the staff guide and the template are there, and the template would validate', () => {
    expect(readFileSync(join(KNOWLEDGE_DIR, 'README.md'), 'utf8')).toContain('npm run knowledge:check');
    expect(readFileSync(join(KNOWLEDGE_DIR, '_template.md'), 'utf8')).toContain('## 公开层级');
  });
});

describe('demand matters (knowledge/demand-matters/)', () => {
  test('the shipped matters load: over a hundred, each with phrasings, normalised', () => {
    const { lexicon, problems } = loadKnowledge(KNOWLEDGE_DIR);
    expect(problems.filter((p) => p.file.startsWith('demand-matters')).filter((p) => p.severity === 'error')).toEqual([]);
    expect(lexicon.demandMatters.length).toBeGreaterThan(100);
    expect(lexicon.demandMatters.every((m) => m.phrasings.length >= 10)).toBe(true);
    expect(new Set(lexicon.demandMatters.map((m) => m.id)).size).toBe(lexicon.demandMatters.length);
  });

  test('a matter in two files is one matter; a malformed file is an error with its name', () => {
    const dir = fixtureKnowledge({ a: householdItem('permit-apply', '甲证申领', ['办甲证'], ['甲证']) });
    mkdirSync(join(dir, 'demand-matters'));
    writeFileSync(join(dir, 'demand-matters', 'a.yaml'), 'matters:\n  - id: dog\n    label: 养犬登记\n    phrasings: ["狗證在哪辦"]\n');
    writeFileSync(join(dir, 'demand-matters', 'b.yaml'), 'matters:\n  - id: dog\n    label: 犬证\n    phrasings: ["养狗要登记吗"]\n');
    writeFileSync(join(dir, 'demand-matters', 'c.yaml'), 'matters:\n  - id: Bad Id\n    label: x\n    phrasings: []\n');
    const { lexicon, problems } = loadKnowledge(dir);
    expect(lexicon.demandMatters).toEqual([{ id: 'dog', label: '养犬登记', phrasings: ['狗证在哪办', '养狗要登记吗'] }]);
    expect(problems.some((p) => p.file === 'demand-matters/c.yaml' && p.severity === 'error')).toBe(true);
  });
});
