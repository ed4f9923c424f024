/**
 * An item as the editor's form holds it: plain fields, lists as one entry per line, and the
 * sections by name (not raw YAML). Read from an item's file or from a posted form, written
 * back by markdown.ts. Which sections a draft has follows its category's kind (户籍: the
 * guide's 12 elements; 政府信息公开 and 年度报告: their own).
 */
import { parse as parseYaml } from 'yaml';
import { kindOf } from '../../knowledge/parse.js';
import { CATEGORIES, SECTION_RULES, type Category } from '../../knowledge/types.js';

export interface ItemDraft {
  id: string;
  title: string;
  category: string;
  summary: string;
  aliases: string[];
  keywords: string[];
  basis: string[];
  updated: string;
  /** 年度报告 only ('' otherwise). */
  year: string;
  /** Section name → body (Markdown), for the sections the form shows. */
  sections: Record<string, string>;
}

/** Front matter fields in the order files write them, with the names staff see. */
export const FIELD_LABELS: Record<string, string> = {
  id: '编号（id）',
  title: '事项名称',
  category: '分类',
  summary: '简要答复',
  aliases: '别名（群众的问法，每行一条）',
  keywords: '关键词（每行一个）',
  basis: '依据（每行一条）',
  updated: '核实日期',
  year: '报告年度',
};
export const FRONT_FIELDS = ['id', 'title', 'category', 'summary', 'aliases', 'keywords', 'basis', 'updated', 'year'] as const;
export type FrontField = (typeof FRONT_FIELDS)[number];
export const LIST_FIELDS = new Set<FrontField>(['aliases', 'keywords', 'basis']);

/** The form field of a section. */
export const sectionField = (name: string) => `section:${name}`;

export function isCategory(c: string): c is Category {
  return (CATEGORIES as readonly string[]).includes(c);
}

/** The sections a draft of this category has, in the guide's order. */
export function sectionsFor(category: string): string[] {
  const rules = SECTION_RULES[kindOf(isCategory(category) ? category : CATEGORIES[0])];
  return [...rules.required, ...rules.optional];
}

const lines = (v: unknown): string[] =>
  (typeof v === 'string' ? v : '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const text = (v: unknown, max = 20_000): string => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').slice(0, max) : '');

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (x instanceof Date ? x.toISOString().slice(0, 10) : String(x)).trim()) : v === undefined || v === null ? [] : [String(v).trim()]);
const asText = (v: unknown): string => (v === undefined || v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/** A posted form (urlencoded body) as a draft. `id` is kept as sent; routes fix it for existing items. */
export function draftFromForm(body: Record<string, unknown>): ItemDraft {
  const category = text(body.category, 100).trim();
  const sections: Record<string, string> = {};
  for (const name of sectionsFor(category)) sections[name] = text(body[sectionField(name)]).trim();
  return {
    id: text(body.id, 100).trim(),
    title: text(body.title, 500).trim(),
    category,
    summary: text(body.summary, 5000).trim(),
    aliases: lines(body.aliases),
    keywords: lines(body.keywords).flatMap((l) => l.split(/[,，、]/).map((k) => k.trim()).filter(Boolean)),
    basis: lines(body.basis),
    updated: text(body.updated, 20).trim(),
    year: text(body.year, 10).trim(),
    sections,
  };
}

/** The front matter and sections of a file's text, as a draft (best effort: a broken file still opens). */
export function draftFromText(source: string): ItemDraft {
  const all = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const end = all[0]?.trim() === '---' ? all.findIndex((l, i) => i > 0 && l.trim() === '---') : -1;
  let fm: Record<string, unknown> = {};
  try {
    const parsed: unknown = end > 0 ? parseYaml(all.slice(1, end).join('\n')) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fm = parsed as Record<string, unknown>;
  } catch {
    // A file with broken YAML opens with empty fields; validation says what is wrong.
  }
  const sections: Record<string, string> = {};
  let current: string | undefined;
  let body: string[] = [];
  const flush = () => {
    if (current !== undefined) sections[current] = body.join('\n').trim();
    body = [];
  };
  for (const line of all.slice(end + 1)) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading && !line.startsWith('###')) {
      flush();
      current = heading[1] ?? '';
    } else body.push(line);
  }
  flush();
  return {
    id: asText(fm.id),
    title: asText(fm.title),
    category: asText(fm.category),
    summary: asText(fm.summary),
    aliases: asList(fm.aliases),
    keywords: asList(fm.keywords),
    basis: asList(fm.basis),
    updated: asText(fm.updated),
    year: asText(fm.year),
    sections,
  };
}

/** The folder of knowledge/ an item of this category lives in. */
export function folderFor(category: string): 'items' | 'disclosure' | 'report' {
  const kind = kindOf(isCategory(category) ? category : CATEGORIES[0]);
  return kind === 'household' ? 'items' : kind;
}

/** Field by field, what differs between two drafts (for the audit's before and after). */
export function changedFields(before: ItemDraft | null, after: ItemDraft): { field: string; before: string; after: string }[] {
  const out: { field: string; before: string; after: string }[] = [];
  const show = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join('\n') : (v ?? ''));
  for (const f of FRONT_FIELDS) {
    const b = show(before?.[f]);
    const a = show(after[f]);
    if (a !== b) out.push({ field: FIELD_LABELS[f] ?? f, before: b, after: a });
  }
  const names = [...new Set([...Object.keys(before?.sections ?? {}), ...Object.keys(after.sections)])];
  for (const n of names) {
    const b = before?.sections[n] ?? '';
    const a = after.sections[n] ?? '';
    if (a !== b) out.push({ field: `## ${n}`, before: b, after: a });
  }
  return out;
}
