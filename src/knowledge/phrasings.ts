/**
 * Phrasings: how citizens really ask, as training data for the learned matcher.
 *
 * knowledge/phrasings/<item-id>.yaml holds many messages per item, written in citizens'
 * voices (dialect, typos, voice-input slips, stories), each optionally with the section it
 * asks for. intents/phrasings/*.yaml holds the same for emergencies, small talk, asking for
 * a person, complaints and what the bot must refuse. Staff add a phrasing when a citizen's
 * wording was missed; `npm run knowledge:check` validates the files.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { normalize } from '../text/normalize.js';
import type { KnowledgeProblem } from './types.js';

export interface Phrasing {
  /** The normalised message. */
  text: string;
  /** The section it asks for (a section name or 依据), if any. */
  field: string | null;
  persona: string | null;
  /** Further labels some files carry (kind of danger, department, expected item). */
  tags: Record<string, string>;
}

export interface PhrasingFile {
  /** The item id (knowledge) or intent name (intents) the file is about. */
  label: string;
  phrasings: Phrasing[];
  file: string;
}

const entry = z
  .object({
    q: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1, { error: 'q 不能为空' })),
    field: z.string().optional(),
    persona: z.string().optional(),
  })
  .catchall(z.union([z.string(), z.number()]).transform(String));
const single = z.object({ item: z.string().optional(), intent: z.string().optional(), phrasings: z.array(entry) });
const grouped = z.object({ intents: z.record(z.string(), z.array(entry)) });

function toPhrasing(e: z.infer<typeof entry>): Phrasing {
  const { q, field, persona, ...tags } = e;
  return { text: normalize(q).text, field: field ?? null, persona: persona ?? null, tags };
}

/**
 * Every phrasing file in a folder (missing folder: none). A file holds one label
 * (`item:` or `intent:` with `phrasings:`) or several (`intents:` name → list).
 */
export function loadPhrasings(dir: string, shownAs: string, problems: KnowledgeProblem[]): PhrasingFile[] {
  if (!existsSync(dir)) return [];
  const out: PhrasingFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.yaml') || name.startsWith('_') || name.startsWith('.')) continue;
    const file = `${shownAs}/${name}`;
    const counter = new LineCounter();
    const doc = parseDocument(readFileSync(join(dir, name), 'utf8'), { lineCounter: counter, prettyErrors: false });
    if (doc.errors.length) {
      for (const e of doc.errors) problems.push({ severity: 'error', file, line: counter.linePos(e.pos[0]).line, message: `YAML 格式错误：${e.message.split('\n')[0]}` });
      continue;
    }
    const data: unknown = doc.toJS();
    const many = grouped.safeParse(data);
    if (many.success) {
      for (const [label, list] of Object.entries(many.data.intents)) out.push({ label, phrasings: list.map(toPhrasing), file });
      continue;
    }
    const one = single.safeParse(data);
    const label = one.success ? (one.data.item ?? one.data.intent) : undefined;
    if (!one.success || !label) {
      const issue = one.success ? undefined : one.error.issues[0];
      const path = issue?.path as (string | number)[] | undefined;
      const node = path && (doc.getIn(path, true) as { range?: [number] } | undefined);
      problems.push({
        severity: 'error',
        file,
        line: node?.range ? counter.linePos(node.range[0]).line : undefined,
        message: issue ? `${path?.join('.') || '文件'}：${issue.message}` : '缺少 item:（事项编号）或 intent:',
      });
      continue;
    }
    out.push({ label, phrasings: one.data.phrasings.map(toPhrasing).filter((p) => p.text), file });
  }
  return out;
}
