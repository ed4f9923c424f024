/** A tiny knowledge folder written on the fly, for mechanisms that must not depend on content. */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOUSEHOLD_SECTIONS } from '../../src/knowledge/types.js';
import { KNOWLEDGE_DIR, tempDir } from '../helpers.js';

export function householdItem(id: string, title: string, aliases: string[], keywords: string[], extra = ''): string {
  return [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    'category: 居住登记与居住证',
    `summary: ${title}的简要答复。`,
    'aliases:',
    ...aliases.map((a) => `  - ${a}`),
    `keywords: [${keywords.join(', ')}]`,
    'basis:',
    '  - 《居住证暂行条例》',
    'updated: 2026-11-25',
    '---',
    ...HOUSEHOLD_SECTIONS.map((s) => `## ${s}\n${title}的${s}。${extra}\n`),
  ].join('\n');
}

export function fixtureKnowledge(items: Record<string, string>): string {
  const dir = tempDir('wz-kb-');
  mkdirSync(join(dir, 'items'));
  for (const f of ['offices.yaml', 'synonyms.yaml', 'dict.txt', 'stopwords.txt']) copyFileSync(join(KNOWLEDGE_DIR, f), join(dir, f));
  for (const [id, text] of Object.entries(items)) writeFileSync(join(dir, 'items', `${id}.md`), text);
  return dir;
}
