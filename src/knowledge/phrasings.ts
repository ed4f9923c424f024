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
import { z } from 'zod';
import { normalize } from '../text/normalize.js';
import type { KnowledgeProblem } from './types.js';
import { readYamlSource } from './yaml-source.js';

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
 *
 * Files are read by js-yaml first, the document model only for a line number (see
 * yaml-source.ts): it cost start-up ~250 ms on 9,000 phrasings.
 */
export function loadPhrasings(dir: string, shownAs: string, problems: KnowledgeProblem[]): PhrasingFile[] {
  if (!existsSync(dir)) return [];
  const out: PhrasingFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.yaml') || name.startsWith('_') || name.startsWith('.')) continue;
    const file = `${shownAs}/${name}`;
    const source = readFileSync(join(dir, name), 'utf8');
    const read = readYamlSource(source);
    if (read.errors.length) {
      for (const e of read.errors) problems.push({ severity: 'error', file, line: e.line, message: `YAML 格式错误：${e.message}` });
      continue;
    }
    const files = fromData(read.data);
    if (files.ok) {
      for (const f of files.files) out.push({ ...f, file });
      continue;
    }
    const path = files.issue?.path as (string | number)[] | undefined;
    problems.push({
      severity: 'error',
      file,
      line: path && read.lineOf(path),
      message: files.issue ? `${path?.join('.') || '文件'}：${files.issue.message}` : '缺少 item:（事项编号）或 intent:',
    });
  }
  return out;
}

type Read = { ok: true; files: Omit<PhrasingFile, 'file'>[] } | { ok: false; issue?: z.core.$ZodIssue };

/** The labels and phrasings of a file's data, or what is wrong with it. */
function fromData(data: unknown): Read {
  const many = grouped.safeParse(data);
  if (many.success) return { ok: true, files: Object.entries(many.data.intents).map(([label, list]) => ({ label, phrasings: list.map(toPhrasing) })) };
  const one = single.safeParse(data);
  const label = one.success ? (one.data.item ?? one.data.intent) : undefined;
  if (!one.success || !label) return { ok: false, issue: one.success ? undefined : one.error.issues[0] };
  return { ok: true, files: [{ label, phrasings: one.data.phrasings.map(toPhrasing).filter((p) => p.text) }] };
}
