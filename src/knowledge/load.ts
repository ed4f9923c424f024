/**
 * Load the whole knowledge folder: items, offices.yaml, synonyms, dictionary, stopwords.
 *
 * Loading never throws for content problems: it returns the problems (errors and
 * warnings) with file and line, so the check command, the server start and the hot
 * reload can each decide what an error means for them.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { normalize } from '../text/normalize.js';
import { Offices, references } from './offices.js';
import { parseItemFile } from './parse.js';
import { loadPhrasings, type PhrasingFile } from './phrasings.js';
import type { DemandMatter, Knowledge, KnowledgeItem, KnowledgeProblem, Lexicon, Synonym } from './types.js';
import { readYamlSource } from './yaml-source.js';

/** The pseudo-section for an item's legal basis (its front matter `basis`). */
const BASIS_FIELD = '依据';

/** Fewer aliases than this draws a warning: citizens ask in many ways. */
export const MIN_ALIASES = 8;
const ITEM_FOLDERS = ['items', 'disclosure', 'report'];

function readYaml(path: string, file: string, problems: KnowledgeProblem[]): unknown {
  if (!existsSync(path)) {
    problems.push({ severity: 'error', file, message: '文件不存在' });
    return undefined;
  }
  const read = readYamlSource(readFileSync(path, 'utf8'));
  for (const e of read.errors) problems.push({ severity: 'error', file, line: e.line, message: `YAML 格式错误：${e.message}` });
  return read.data;
}

function readLines(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

function loadSynonyms(dir: string, problems: KnowledgeProblem[], file = 'synonyms.yaml'): Synonym[] {
  const tree = readYaml(join(dir, file), file, problems);
  if (tree === undefined) return [];
  if (!tree || typeof tree !== 'object' || Array.isArray(tree)) {
    problems.push({ severity: 'error', file, message: '同义词文件应为“群众说法: [规范说法, …]”的映射' });
    return [];
  }
  const out: Synonym[] = [];
  for (const [from, to] of Object.entries(tree)) {
    const targets = (Array.isArray(to) ? to : [to]).map((t) => normalize(String(t)).text).filter(Boolean);
    const key = normalize(from).text;
    if (!key || !targets.length) {
      problems.push({ severity: 'error', file, message: `同义词“${from}”没有规范说法` });
      continue;
    }
    out.push({ from: key, to: targets });
  }
  return out;
}

/** Optional: how citizens name the matters the knowledge does not hold, for grouping demand signals. */
const DEMAND_SYNONYMS = 'demand-synonyms.yaml';
/** Optional: matters the knowledge does not hold, with citizens' phrasings, for the matter classifier. */
const DEMAND_MATTERS = 'demand-matters';

/** A file of knowledge/demand-matters/ (also what 教给归并 writes: src/signals/teach.ts). */
export const demandMatterFile = z.object({
  matters: z.array(z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'id 只用小写字母、数字和连字符' }), label: z.string().min(1), phrasings: z.array(z.string()).min(1) })),
});

/** Every file of knowledge/demand-matters/; a matter named in several files is one matter. */
function loadDemandMatters(dir: string, problems: KnowledgeProblem[]): DemandMatter[] {
  const folder = join(dir, DEMAND_MATTERS);
  if (!existsSync(folder)) return [];
  const byId = new Map<string, DemandMatter>();
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith('.yaml') || name.startsWith('_') || name.startsWith('.')) continue;
    const file = `${DEMAND_MATTERS}/${name}`;
    const parsed = demandMatterFile.safeParse(readYaml(join(folder, name), file, problems));
    if (!parsed.success) {
      problems.push({ severity: 'error', file, message: `格式不对：${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
      continue;
    }
    for (const m of parsed.data.matters) {
      const matter = byId.get(m.id) ?? { id: m.id, label: m.label, phrasings: [] };
      matter.phrasings.push(...m.phrasings.map((p) => normalize(p).text).filter(Boolean));
      byId.set(m.id, matter);
    }
  }
  return [...byId.values()];
}

export function loadKnowledge(dir: string): Knowledge {
  const problems: KnowledgeProblem[] = [];
  const items: KnowledgeItem[] = [];

  const offices = new Offices(readYaml(join(dir, 'offices.yaml'), 'offices.yaml', problems) ?? {});

  for (const folder of ITEM_FOLDERS) {
    const path = join(dir, folder);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path).sort()) {
      if (!name.endsWith('.md') || name.startsWith('_') || name.startsWith('.')) continue;
      const file = relative(dir, join(path, name));
      const { item, problems: found } = parseItemFile(file, readFileSync(join(path, name), 'utf8'));
      problems.push(...found);
      if (item) items.push(item);
    }
  }

  const lexicon: Lexicon = {
    synonyms: loadSynonyms(dir, problems),
    demandSynonyms: existsSync(join(dir, DEMAND_SYNONYMS)) ? loadSynonyms(dir, problems, DEMAND_SYNONYMS) : [],
    demandMatters: loadDemandMatters(dir, problems),
    dictWords: readLines(join(dir, 'dict.txt')).map((l) => l.split(/\s+/)[0] ?? '').filter(Boolean),
    stopwords: new Set(readLines(join(dir, 'stopwords.txt')).map((w) => normalize(w).text)),
  };

  const phrasings = loadPhrasings(join(dir, 'phrasings'), 'phrasings', problems);
  checkAcrossItems(items, offices, problems);
  checkPhrasings(items, phrasings, problems);
  return { items, offices, lexicon, phrasings, problems, loadedAt: new Date() };
}

/** Each phrasing file names an existing item, and its fields are sections of that item. */
function checkPhrasings(items: KnowledgeItem[], files: PhrasingFile[], problems: KnowledgeProblem[]): void {
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const f of files) {
    const item = byId.get(f.label);
    if (!item) {
      problems.push({ severity: 'error', file: f.file, message: `item“${f.label}”不是知识库里的事项编号` });
      continue;
    }
    const sections = new Set([...item.sections.map((s) => s.name), BASIS_FIELD]);
    for (const p of f.phrasings) {
      if (p.field && !sections.has(p.field)) problems.push({ severity: 'error', file: f.file, message: `“${p.text}”的 field“${p.field}”不是本事项的小节名` });
    }
  }
}

/** Checks that need all items at once: ids, shared aliases, alias counts, references. */
function checkAcrossItems(items: KnowledgeItem[], offices: Offices, problems: KnowledgeProblem[]): void {
  const byId = new Map<string, KnowledgeItem>();
  const byAlias = new Map<string, KnowledgeItem>();
  for (const item of items) {
    const other = byId.get(item.id);
    if (other) problems.push({ severity: 'error', file: item.file, line: 2, message: `id“${item.id}”与 ${other.file} 重复` });
    byId.set(item.id, item);

    if (item.aliases.length < MIN_ALIASES) {
      problems.push({ severity: 'warning', file: item.file, message: `别名只有 ${item.aliases.length} 条，建议至少 ${MIN_ALIASES} 条` });
    }
    for (const alias of item.aliases) {
      const key = normalize(alias).text;
      const owner = byAlias.get(key);
      if (owner && owner.id !== item.id) {
        problems.push({ severity: 'warning', file: item.file, message: `别名“${alias}”同时出现在 ${owner.file}，群众这样问时无法区分` });
      }
      byAlias.set(key, owner ?? item);
    }
    for (const section of item.sections) {
      for (const ref of references(section.body)) {
        if (!offices.has(ref.key)) {
          problems.push({ severity: 'error', file: item.file, line: section.line + 1 + ref.lineOffset, message: `引用了 offices.yaml 中不存在的 {{${ref.key}}}` });
        }
      }
    }
    for (const ref of references(item.summary)) {
      if (!offices.has(ref.key)) problems.push({ severity: 'error', file: item.file, message: `summary 引用了不存在的 {{${ref.key}}}` });
    }
  }
  for (const { key, hint } of offices.unfilled()) {
    problems.push({ severity: 'warning', file: 'offices.yaml', message: `本地信息未填写：${key}（${hint}）` });
  }
}
