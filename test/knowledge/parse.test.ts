import { describe, expect, test } from '@jest/globals';
import { parseItemFile } from '../../src/knowledge/parse.js';
import { HOUSEHOLD_SECTIONS } from '../../src/knowledge/types.js';

const sections = HOUSEHOLD_SECTIONS.map((s) => `## ${s}\n${s}的内容。\n`).join('\n');
const front = (extra = '') => `---
id: idcard-lost
title: 居民身份证遗失补领
category: 居民身份证
summary: 先挂失，再补领。
aliases:
  - 身份证丢了
keywords: [补领, 遗失]
basis:
  - 《中华人民共和国居民身份证法》
updated: 2026-11-25
${extra}---
`;

describe('parseItemFile', () => {
  test('a valid household item parses with its 12 sections and their lines', () => {
    const { item, problems } = parseItemFile('items/idcard-lost.md', front() + '\n' + sections);
    expect(problems).toEqual([]);
    expect(item?.kind).toBe('household');
    expect(item?.sections.map((s) => s.name)).toEqual([...HOUSEHOLD_SECTIONS]);
    expect(item?.sections[0]?.line).toBe(14);
  });

  test('a wrong category names the file, the line and the allowed values', () => {
    const src = front().replace('category: 居民身份证', 'category: 身份证');
    const { item, problems } = parseItemFile('items/x.md', src + sections);
    expect(item).toBeUndefined();
    expect(problems[0]).toMatchObject({ severity: 'error', file: 'items/x.md', line: 4 });
    expect(problems[0]?.message).toContain('category');
    expect(problems[0]?.message).toContain('居住登记与居住证');
  });

  test('a missing field points at the front matter', () => {
    const src = front().replace('summary: 先挂失，再补领。\n', '');
    const { problems } = parseItemFile('items/x.md', src + sections);
    expect(problems.map((p) => p.message).join()).toContain('summary');
  });

  test('a bad date and an empty alias are reported with their lines', () => {
    const src = front().replace('updated: 2026-11-25', 'updated: 昨天').replace('  - 身份证丢了', '  - 身份证丢了\n  - ""');
    const { problems } = parseItemFile('items/x.md', src + sections);
    const byMessage = Object.fromEntries(problems.map((p) => [p.message.split('：')[0], p.line]));
    expect(byMessage['aliases.1']).toBe(8);
    expect(byMessage['updated']).toBe(12);
  });

  test('YAML syntax errors are reported with a line', () => {
    const src = front().replace('keywords: [补领, 遗失]', 'keywords: [补领, 遗失');
    const { problems } = parseItemFile('items/x.md', src + sections);
    expect(problems[0]?.message).toContain('YAML');
    expect(problems[0]?.line).toBeGreaterThan(1);
  });

  test('missing, unknown and empty sections are errors', () => {
    const body = sections.replace('## 办理时限\n办理时限的内容。\n', '').replace('## 公开层级', '## 备注') + '\n## 所需材料\n';
    const { problems } = parseItemFile('items/x.md', front() + body);
    const text = problems.map((p) => p.message).join('\n');
    expect(text).toContain('缺少小节：## 办理时限');
    expect(text).toContain('小节“备注”不是居民身份证条目的小节');
  });

  test('a file without front matter is rejected at line 1', () => {
    expect(parseItemFile('items/x.md', '# 标题\n').problems[0]).toMatchObject({ line: 1 });
  });

  test('disclosure and report items have their own sections', () => {
    const disclosure = front().replace('category: 居民身份证', 'category: 政府信息公开') + '## 答复要点\n要点\n## 条例规定\n第二十九条\n';
    expect(parseItemFile('d.md', disclosure).item?.kind).toBe('disclosure');
    const report = front('year: 2020\n').replace('category: 居民身份证', 'category: 年度报告') + '## 答复要点\n660 条\n## 报告原文\n原文\n';
    expect(parseItemFile('r.md', report).item?.year).toBe(2020);
    const noYear = front().replace('category: 居民身份证', 'category: 年度报告') + '## 答复要点\n660 条\n## 报告原文\n原文\n';
    expect(parseItemFile('r.md', noYear).problems[0]?.message).toContain('year');
  });
});
