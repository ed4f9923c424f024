/**
 * The knowledge editor's work, apart from HTTP: open an item as a draft, check a draft
 * (field by field, then a full build in the draft's own process), preview it (questions
 * and the dev set, published beside draft), publish it, and roll an item back.
 *
 * Publishing writes the Markdown file in the knowledge folder (the source of truth), only
 * after the exact resulting folder built in the draft's process; reloads the engine; if
 * the reload fails, puts the old file back and reloads again. Every publish and rollback is
 * a version in the one knowledge version store (author, reason). A version check stops two
 * editors overwriting each other: a draft carries the hash of the file it started from,
 * and a publish over a file that changed since is refused as a conflict. Publishes run one
 * at a time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindOf, parseItemFile } from '../../knowledge/parse.js';
import { SECTION_RULES } from '../../knowledge/types.js';
import type { KnowledgeProblem } from '../../knowledge/types.js';
import { contentHash, readSnapshot, snapshotHash } from '../../knowledge/versions/snapshot.js';
import type { KnowledgeVersion, Snapshot } from '../../knowledge/versions/store.js';
import type { Actor } from '../auth.js';
import type { AdminContext } from '../context.js';
import { oneKnowledgeWriteAtATime, writeKnowledgeFile } from '../knowledge-writes.js';
import { changedFields, draftFromText, folderFor, sectionField, type ItemDraft } from './draft.js';
import { fieldAt, renderItem } from './markdown.js';
import type { DraftPreviewer } from './previewer.js';
import { askAll, compareRuns, loadDevSet, runCases, type Answer, type SetComparison, type TurnResult } from './question-set.js';
import type { Case } from '../../knowledge/questions.js';
import type { Brain } from '../../engine/brain.js';

/** Problems by form field ('' = the item or the knowledge as a whole). */
export type FieldProblems = Map<string, string[]>;

export interface Checked {
  /** Path inside the knowledge folder: items/x.md */
  file: string;
  text: string;
  errors: FieldProblems;
  warnings: FieldProblems;
}

export interface Opened {
  file: string;
  /** The file's text now ('' for a new item). */
  text: string;
  /** Hash of that text: the version the draft starts from. */
  base: string;
  draft: ItemDraft;
}

export type PublishResult =
  | { kind: 'published'; version: KnowledgeVersion; file: string; fields: ReturnType<typeof changedFields> }
  | { kind: 'invalid'; checked: Checked }
  | { kind: 'conflict'; current: Opened; by: KnowledgeVersion | null; theirs: { before: string; after: string } }
  | { kind: 'reload-failed'; problems: KnowledgeProblem[] };

export interface PreviewResult {
  checked: Checked;
  /** Hash of the draft's whole knowledge (its preview process). */
  key: string;
  build?: { ok: boolean; ms: number };
  answers?: { live: Answer; draft: Answer }[];
  set?: SetComparison;
  error?: string;
}

const add = (m: FieldProblems, field: string, message: string) => m.set(field, [...(m.get(field) ?? []), message]);
const pathOf = (file: string) => `knowledge/${file}`;
export const hashText = (text: string) => contentHash(text);

export class KnowledgeEditor {
  private liveSet: { brain: Brain; params: unknown; results: TurnResult[] } | undefined;
  private devCases: Case[] | undefined;

  constructor(
    private readonly ctx: AdminContext,
    private readonly previewer: DraftPreviewer,
    private readonly devSetPath?: string,
  ) {}

  private get knowledgeDir(): string {
    return this.ctx.folders.knowledgeDir;
  }

  /** The item's file in the knowledge folder (from the live brain), or undefined. */
  fileOf(id: string): string | undefined {
    return this.ctx.engine.brain.items.get(id)?.file;
  }

  open(id: string): Opened | undefined {
    const file = this.fileOf(id);
    if (!file) return undefined;
    const path = join(this.knowledgeDir, file);
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    return { file, text, base: hashText(text), draft: draftFromText(text) };
  }

  /** A new item from the template (knowledge/_template.md), id left for the editor. */
  template(): ItemDraft {
    const path = join(this.knowledgeDir, '_template.md');
    const d = draftFromText(existsSync(path) ? readFileSync(path, 'utf8') : '---\n---\n');
    return { ...d, id: '', updated: today() };
  }

  /** Render and parse the draft: problems by field, as fast as a keystroke (no build). */
  check(draft: ItemDraft, existing: Opened | null, existingIds: ReadonlySet<string>): Checked {
    const file = existing?.file ?? `${folderFor(draft.category)}/${draft.id || '(id)'}.md`;
    const rendered = renderItem(existing ? existing.text : null, draft);
    const errors: FieldProblems = new Map();
    const warnings: FieldProblems = new Map();
    if (!existing && existingIds.has(draft.id)) add(errors, 'id', `编号“${draft.id}”已被另一个条目使用`);
    if (!existing && existsSync(join(this.knowledgeDir, file))) add(errors, 'id', `文件 ${file} 已经存在`);
    if (!draft.aliases.length) add(errors, 'aliases', '至少写一条别名（群众的问法）');
    const day = Date.parse(`${draft.updated}T00:00:00Z`);
    if (/^\d{4}-\d{2}-\d{2}$/.test(draft.updated) && (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== draft.updated)) {
      add(errors, 'updated', `没有 ${draft.updated} 这一天`);
    }
    const kind = SECTION_RULES[kindOf(draft.category)];
    const empty = kind ? kind.required.filter((n) => !draft.sections[n]?.trim()) : [];
    for (const n of empty) add(errors, sectionField(n), `“${n}”是必填小节，不能空着`);
    for (const p of parseItemFile(file, rendered.text).problems) {
      if (empty.length && p.message.startsWith('缺少小节')) continue; // said above, by section
      const field = fieldAt(rendered.spans, p.line) ?? '';
      const message = p.message.replace(/^[a-z]+(\.\d+)?：/, '');
      if (!(errors.get(field) ?? []).includes(message)) add(p.severity === 'error' ? errors : warnings, field, message);
    }
    return { file, text: rendered.text, errors, warnings };
  }

  /** An exact text for an existing file (a rollback): parse problems only. */
  private checkText(file: string, text: string): Checked {
    const errors: FieldProblems = new Map();
    for (const p of parseItemFile(file, text).problems) add(errors, '', `${file}${p.line ? `:${p.line}` : ''} ${p.message}`);
    return { file, text, errors, warnings: new Map() };
  }

  /** The knowledge as it would be with the draft's file. */
  private draftSnapshot(checked: Checked): Snapshot {
    const snapshot = readSnapshot(this.knowledgeDir, this.ctx.folders.intentsDir);
    snapshot.set(pathOf(checked.file), checked.text);
    return snapshot;
  }

  /** Build the draft in its process; its problems for this file land on their fields. */
  private async build(checked: Checked): Promise<{ key: string; ok: boolean; ms: number; worker: ReturnType<DraftPreviewer['worker']> }> {
    const snapshot = this.draftSnapshot(checked);
    const key = snapshotHash(snapshot);
    const worker = this.previewer.worker(key, snapshot);
    const built = await worker.built;
    const draftSpans = renderSpans(checked);
    for (const p of built.problems) {
      const mine = p.file === checked.file;
      const field = mine ? (fieldAt(draftSpans, p.line) ?? '') : '';
      const message = mine ? p.message : `${p.file}${p.line ? `:${p.line}` : ''} ${p.message}`;
      if (p.severity === 'error') add(checked.errors, field, message);
      else if (mine) add(checked.warnings, field, message);
    }
    return { key, ok: built.ok, ms: built.ms, worker };
  }

  /** Questions and the dev set, asked of the published knowledge and of the draft. */
  async preview(draft: ItemDraft, existing: Opened | null, questions: string[], withSet = true): Promise<PreviewResult> {
    const checked = this.check(draft, existing, new Set(this.ctx.engine.brain.items.keys()));
    if (checked.errors.size) return { checked, key: '' };
    let built;
    try {
      built = await this.build(checked);
    } catch (err) {
      return { checked, key: '', error: (err as Error).message };
    }
    const result: PreviewResult = { checked, key: built.key, build: { ok: built.ok, ms: built.ms } };
    if (!built.ok) return result;
    const { engine } = this.ctx;
    const brain = engine.brain;
    const draftAnswers = await built.worker.ask(questions, engine.params);
    const liveAnswers = askAll(brain, engine.params, questions);
    result.answers = liveAnswers.map((live, i) => ({ live, draft: draftAnswers[i] as Answer }));
    if (withSet) {
      const cases = this.cases();
      if (cases.length) result.set = compareRuns(this.liveResults(cases), await built.worker.runSet(cases, engine.params));
    }
    return result;
  }

  private cases(): Case[] {
    try {
      return (this.devCases ??= loadDevSet(this.devSetPath));
    } catch (err) {
      this.ctx.logger.warn({ err: String(err) }, 'dev question set not available for previews');
      return (this.devCases = []);
    }
  }

  /** The published brain's run of the dev set, once per brain (a reload makes a new one). */
  private liveResults(cases: Case[]): TurnResult[] {
    const { brain, params } = this.ctx.engine;
    if (this.liveSet?.brain !== brain || this.liveSet.params !== params) this.liveSet = { brain, params, results: runCases(brain, params, cases) };
    return this.liveSet.results;
  }

  /** One publish (or rollback, or teaching the grouping) at a time, in this process. */
  private serial<T>(run: () => Promise<T>): Promise<T> {
    return oneKnowledgeWriteAtATime(this.ctx, run);
  }

  /**
   * Publish a draft (or, for a rollback, an old version's exact text) over the item
   * `existingId` (null: a new item), if the file is still at `base`.
   */
  publish(source: { draft: ItemDraft } | { text: string }, existingId: string | null, base: string, actor: Actor, reason: string, action: 'publish' | 'rollback' = 'publish'): Promise<PublishResult> {
    return this.serial(async () => {
      const existing = existingId ? (this.open(existingId) ?? null) : null;
      if (existingId && !existing) return { kind: 'invalid', checked: { file: '', text: '', errors: new Map([['', [`没有条目“${existingId}”`]]]), warnings: new Map() } };
      if (existing && existing.base !== base) return this.conflict(existing, base);
      const ids = new Set(this.ctx.engine.brain.items.keys());
      const checked = 'draft' in source ? this.check(source.draft, existing, ids) : this.checkText(existing?.file ?? '', source.text);
      if (checked.errors.size) return { kind: 'invalid', checked };
      const built = await this.build(checked);
      if (!built.ok || checked.errors.size) return { kind: 'invalid', checked };

      const before = existing?.text ?? null;
      const written = await writeKnowledgeFile(this.ctx, checked.file, checked.text, {
        before: '发布前的知识库',
        reload: `${action} ${checked.file} by ${actor.name}`,
        undo: `undo failed ${action} of ${checked.file}`,
        author: actor.name,
        reason: reason || `${action === 'rollback' ? '回滚' : '发布'} ${checked.file}`,
      });
      if (!written.ok) return { kind: 'reload-failed', problems: written.problems.filter((p) => p.severity === 'error') };
      const { version } = written;
      return { kind: 'published', version, file: checked.file, fields: changedFields(before === null ? null : draftFromText(before), draftFromText(checked.text)) };
    });
  }

  /** Who changed the file since the draft's base, and what they changed. */
  private async conflict(current: Opened, base: string): Promise<PublishResult> {
    const history = await this.ctx.versions.history(pathOf(current.file));
    let baseText = '';
    for (const h of history) {
      const text = (await this.ctx.versions.get(h.version.id))?.snapshot.get(pathOf(current.file));
      if (text !== undefined && hashText(text) === base) {
        baseText = text;
        break;
      }
    }
    const by = history.find((h) => h.version.author !== 'server')?.version ?? history[0]?.version ?? null;
    return { kind: 'conflict', current, by, theirs: { before: baseText, after: current.text } };
  }

  /** The versions in which the item's file changed, newest first, each with its text and the text before. */
  async history(id: string, limit = 20): Promise<{ version: KnowledgeVersion; change: string; text: string; previous: string }[]> {
    const file = this.fileOf(id);
    if (!file) return [];
    const entries = (await this.ctx.versions.history(pathOf(file))).slice(0, limit + 1);
    const texts = await Promise.all(entries.map(async (e) => (await this.ctx.versions.get(e.version.id))?.snapshot.get(pathOf(file)) ?? ''));
    return entries.slice(0, limit).map((e, i) => ({ version: e.version, change: e.change, text: texts[i] ?? '', previous: texts[i + 1] ?? '' }));
  }

  /** The item's text in a version (undefined when the version has no such file). */
  async textAt(id: string, versionId: string): Promise<string | undefined> {
    const file = this.fileOf(id);
    const got = file ? await this.ctx.versions.get(versionId) : null;
    return file ? got?.snapshot.get(pathOf(file)) : undefined;
  }
}

/** The field spans of a checked draft's text (re-derived: the text is what was rendered). */
function renderSpans(checked: Checked): Map<string, [number, number]> {
  return renderItem(checked.text, draftFromText(checked.text)).spans;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
