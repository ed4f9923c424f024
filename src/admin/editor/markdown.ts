/**
 * Writing a draft back as the item's Markdown file, git-friendly: what did not change keeps
 * its exact text (a field's YAML, a section's lines), and only changed fields are written
 * anew, in the files' own style (lists one "  - " per line, keywords as [a, b], long lines
 * never folded). A new item is written whole in that style. The result also says which
 * lines hold which field, so a problem the parser reports by line lands on its form field.
 */
import { stringify } from 'yaml';
import { FRONT_FIELDS, LIST_FIELDS, draftFromText, sectionField, sectionsFor, type FrontField, type ItemDraft } from './draft.js';

export interface Rendered {
  text: string;
  /** Form field → [first, last] line (1-based, inclusive) in `text`. */
  spans: Map<string, [number, number]>;
}

const YAML_OPTIONS = { lineWidth: 0 } as const;

/** One front-matter field as the files write it ('' when the field is empty and optional). */
export function renderField(field: FrontField, d: ItemDraft): string {
  if (field === 'year') return d.year ? `year: ${/^\d+$/.test(d.year) ? d.year : stringify(d.year, YAML_OPTIONS).trim()}\n` : '';
  if (field === 'keywords') return `keywords: ${stringify(d.keywords, { ...YAML_OPTIONS, collectionStyle: 'flow', flowCollectionPadding: false }).trim()}\n`;
  if (LIST_FIELDS.has(field)) {
    const list = d[field] as string[];
    return list.length ? stringify({ [field]: list }, YAML_OPTIONS) : `${field}: []\n`;
  }
  return stringify({ [field]: d[field] }, YAML_OPTIONS);
}

interface Block {
  key: string;
  lines: string[];
}

/** Split front-matter lines into top-level key blocks (comments and blanks go with the key above). */
function frontBlocks(lines: string[]): { head: string[]; blocks: Block[] } {
  const head: string[] = [];
  const blocks: Block[] = [];
  for (const line of lines) {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1];
    if (key) blocks.push({ key, lines: [line] });
    else if (blocks.length) (blocks[blocks.length - 1] as Block).lines.push(line);
    else head.push(line);
  }
  return { head, blocks };
}

/** Split body lines into the text before the first heading and `## ` sections. */
function sectionBlocks(lines: string[]): { head: string[]; blocks: Block[] } {
  const head: string[] = [];
  const blocks: Block[] = [];
  for (const line of lines) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading && !line.startsWith('###')) blocks.push({ key: heading[1] ?? '', lines: [line] });
    else if (blocks.length) (blocks[blocks.length - 1] as Block).lines.push(line);
    else head.push(line);
  }
  return { head, blocks };
}

const same = (a: string | string[], b: string | string[]) => JSON.stringify(a) === JSON.stringify(b);

export function renderItem(original: string | null, d: ItemDraft): Rendered {
  const source = (original ?? '').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const all = source.split('\n');
  const end = original !== null && all[0]?.trim() === '---' ? all.findIndex((l, i) => i > 0 && l.trim() === '---') : -1;
  const before = end > 0 ? draftFromText(source) : null;
  const front = end > 0 ? frontBlocks(all.slice(1, end)) : { head: [], blocks: [] };
  const body = end > 0 ? sectionBlocks(all.slice(end + 1)) : { head: [], blocks: [] };

  const out: string[] = ['---'];
  const spans = new Map<string, [number, number]>();
  const emit = (field: string, lines: string[]) => {
    if (!lines.length) return;
    spans.set(field, [out.length + 1, out.length + lines.length]);
    out.push(...lines);
  };
  const fresh = (text: string) => (text ? text.replace(/\n$/, '').split('\n') : []);

  // Front matter: the original's order and text for what did not change; new fields in order.
  out.push(...front.head);
  const done = new Set<string>();
  for (const block of front.blocks) {
    const field = block.key as FrontField;
    if (!(FRONT_FIELDS as readonly string[]).includes(field)) {
      out.push(...block.lines); // a field the form does not know stays as it was
      continue;
    }
    done.add(field);
    const unchanged = before && same(before[field], d[field]);
    const trailing = block.lines.slice(block.lines.findLastIndex((l) => l.trim() && !l.trim().startsWith('#')) + 1);
    emit(field, unchanged ? block.lines.slice(0, block.lines.length - trailing.length) : fresh(renderField(field, d)));
    out.push(...trailing);
  }
  for (const field of FRONT_FIELDS) if (!done.has(field)) emit(field, fresh(renderField(field, d)));
  out.push('---');

  // Sections: the category's sections in order; unchanged ones keep their lines.
  const names = sectionsFor(d.category).filter((n) => d.sections[n]?.trim() || !original);
  const kept = new Map(body.blocks.map((b) => [b.key, b]));
  if (!body.blocks.length) out.push(''); // a new file: a blank line after the front matter
  else out.push(...body.head);
  names.forEach((name, i) => {
    const last = i === names.length - 1;
    const old = kept.get(name);
    const text = (d.sections[name] ?? '').trim();
    if (old && before && (before.sections[name] ?? '') === text) {
      const lines = [...old.lines];
      while (lines.length > 1 && !lines[lines.length - 1]?.trim()) lines.pop();
      emit(sectionField(name), lines);
    } else {
      emit(sectionField(name), [`## ${name}`, ...text.split('\n')]);
    }
    if (!last) out.push('');
  });
  return { text: out.join('\n') + '\n', spans };
}

/** The form field a file line belongs to (undefined: the file as a whole). */
export function fieldAt(spans: Map<string, [number, number]>, line: number | undefined): string | undefined {
  if (line === undefined) return undefined;
  for (const [field, [from, to]] of spans) if (line >= from && line <= to) return field;
  return undefined;
}
