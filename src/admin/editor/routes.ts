/**
 * Knowledge editor routes (/admin/knowledge): the items, an item's form, new items from the
 * template, an alias straight from a demand signal, preview, publish (with the version
 * check), history and rollback. Reading is for every role; changing for 编辑 and 管理员.
 * Publishes and rollbacks go into the audit trail with the fields' before and after.
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Permission } from '../accounts/roles.js';
import type { AuditRecorder } from '../audit/record.js';
import { actorOf } from '../auth.js';
import type { AdminContext } from '../context.js';
import { draftFromForm, draftFromText, type ItemDraft } from './draft.js';
import { hashText, KnowledgeEditor, today, type Opened, type PublishResult } from './editor.js';
import type { DraftPreviewer } from './previewer.js';
import { editPage, historyPage, itemsPage, type EditState } from './views.js';

export interface EditorRouteDeps {
  page(p: Permission): RequestHandler[];
  /** Form posts: body parsed, session, role, CSRF. */
  post(p: Permission): RequestHandler[];
  record: AuditRecorder;
  previewer: DraftPreviewer;
  devSetPath?: string;
}

const str = (v: unknown, max = 2000) => (typeof v === 'string' ? v.slice(0, max) : '');
const questionsOf = (v: unknown) => str(v, 5000).split(/\r?\n/).map((q) => q.trim()).filter(Boolean).slice(0, 20);

export function editorRoutes(ctx: AdminContext, deps: EditorRouteDeps): Router {
  const router = Router();
  const editor = new KnowledgeEditor(ctx, deps.previewer, deps.devSetPath);
  const { page, post, record } = deps;
  // Item forms are larger than the other admin forms (every section of an item).
  const bigForm = express.urlencoded({ extended: false, limit: '512kb' });
  const withForm = (p: Permission): RequestHandler[] => [bigForm, ...post(p)];
  const send = (req: Request, res: Response, state: EditState, status = 200) => res.status(status).type('html').send(editPage(actorOf(req), state));

  router.get('/knowledge', ...page('read'), (req, res) => {
    res.type('html').send(itemsPage(actorOf(req), ctx.engine.brain.knowledge.items, str(req.query.flash) || undefined));
  });

  router.get('/knowledge/new', ...page('knowledge'), (req, res) => {
    send(req, res, { id: null, draft: editor.template(), base: '', questions: '', reason: '' });
  });

  // "Add as alias" from a demand signal: the item's form with the alias added, not yet published.
  router.get('/knowledge/edit', ...page('knowledge'), async (req, res) => {
    const opened = editor.open(str(req.query.item, 100));
    if (!opened) return res.status(404).json({ error: '没有这个条目' });
    const alias = str(req.query.alias, 200).replace(/\s+/g, ' ').trim();
    const signalId = Number(req.query.signal) || undefined;
    const signal = signalId ? await ctx.reports.signal(signalId) : undefined;
    const draft = { ...opened.draft, aliases: alias && !opened.draft.aliases.includes(alias) ? [...opened.draft.aliases, alias] : opened.draft.aliases };
    send(req, res, {
      id: opened.draft.id,
      draft,
      base: opened.base,
      questions: [...new Set([alias, ...(signal?.examples ?? [])].filter(Boolean))].join('\n'),
      reason: signal ? `来自群众需求信号 #${signal.id}：补充别名` : '补充别名',
      signal: signal?.id,
      flash: alias ? `已把“${alias}”加到别名里（还没有发布）：先预览，确认答复变化后再发布。` : undefined,
    });
  });

  router.get('/knowledge/:id', ...page('read'), (req, res) => {
    const opened = editor.open(req.params.id as string);
    if (!opened) return res.status(404).json({ error: '没有这个条目' });
    send(req, res, { id: opened.draft.id, draft: opened.draft, base: opened.base, questions: '', reason: '', flash: str(req.query.flash) || undefined });
  });

  /** The draft of a posted form: an existing item keeps its id. */
  const posted = (req: Request): { draft: ItemDraft; opened: Opened | null; id: string | null } => {
    const id = req.params.id === undefined ? null : (req.params.id as string);
    const opened = id ? (editor.open(id) ?? null) : null;
    const draft = draftFromForm(req.body as Record<string, unknown>);
    return { draft: opened ? { ...draft, id: opened.draft.id } : draft, opened, id };
  };
  const formState = (req: Request, draft: ItemDraft, id: string | null): EditState => ({
    id,
    draft,
    base: str(req.body?.base, 100),
    questions: str(req.body?.questions, 5000),
    reason: str(req.body?.reason, 200),
    signal: Number(req.body?.signal) || undefined,
  });

  const preview: RequestHandler = async (req, res) => {
    const { draft, opened, id } = posted(req);
    if (id && !opened) return res.status(404).json({ error: '没有这个条目' });
    const result = await editor.preview(draft, opened, questionsOf(req.body?.questions));
    const state = { ...formState(req, draft, id), errors: result.checked.errors, warnings: result.checked.warnings, preview: result };
    if (result.checked.errors.size === 0) state.diff = { before: opened?.text ?? '', after: result.checked.text };
    send(req, res, state, result.checked.errors.size ? 400 : 200);
  };
  router.post('/knowledge/new/preview', ...withForm('knowledge'), preview);
  router.post('/knowledge/:id/preview', ...withForm('knowledge'), preview);

  const publish: RequestHandler = async (req, res) => {
    const { draft, opened, id } = posted(req);
    if (id && !opened) return res.status(404).json({ error: '没有这个条目' });
    const actor = actorOf(req);
    const state = formState(req, draft, id);
    if (!draft.updated) draft.updated = today();
    const result = await editor.publish({ draft }, id, state.base, actor, state.reason);
    if (result.kind !== 'published') return failed(req, res, state, result);
    const target = id ?? draft.id;
    await record(req, 'knowledge_publish', target, { file: `knowledge/${result.file}`, version: result.version.id, reason: result.version.reason, new: !id, fields: result.fields });
    if (state.signal) await markCovered(req, state.signal, target);
    res.redirect(303, `/admin/knowledge/${target}?flash=${encodeURIComponent(`已发布（版本 ${result.version.id}），群众现在看到的是新内容。`)}`);
  };
  router.post('/knowledge/new/publish', ...withForm('knowledge'), publish);
  router.post('/knowledge/:id/publish', ...withForm('knowledge'), publish);

  function failed(req: Request, res: Response, state: EditState, result: Exclude<PublishResult, { kind: 'published' }>) {
    if (result.kind === 'conflict') {
      // The second editor sees who changed what; their draft stays, now based on the current file.
      return send(req, res, { ...state, base: result.current.base, conflict: { by: result.by, ...result.theirs } }, 409);
    }
    if (result.kind === 'invalid') return send(req, res, { ...state, errors: result.checked.errors, warnings: result.checked.warnings }, 400);
    return send(req, res, { ...state, errors: new Map([['', result.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''} ${p.message}`)]]) }, 400);
  }

  /** A signal whose alias was published is marked 已补充知识 (audited as a status change). */
  async function markCovered(req: Request, signalId: number, itemId: string) {
    const signal = await ctx.reports.signal(signalId);
    if (!signal || signal.status === 'covered') return;
    const note = signal.note ?? `已补充到条目 ${itemId}`;
    await ctx.reports.updateSignal(signalId, 'covered', note);
    await record(req, 'signal_status', `#${signalId} ${signal.key}`, { status: { before: signal.status, after: 'covered' }, item: itemId });
  }

  router.get('/knowledge/:id/history', ...page('read'), async (req, res) => {
    const opened = editor.open(req.params.id as string);
    if (!opened) return res.status(404).json({ error: '没有这个条目' });
    res.type('html').send(historyPage(actorOf(req), opened.draft.id, opened.draft.title, await editor.history(opened.draft.id), opened.base, hashText, str(req.query.flash) || undefined));
  });

  router.post('/knowledge/:id/rollback', ...post('knowledge'), async (req, res) => {
    const id = req.params.id as string;
    const opened = editor.open(id);
    const versionId = str(req.body?.version, 40);
    const text = opened ? await editor.textAt(id, versionId) : undefined;
    if (!opened || text === undefined) return res.status(404).json({ error: '没有这个条目或版本' });
    const result = await editor.publish({ text }, id, str(req.body?.base, 100), actorOf(req), `回滚到 ${versionId}`, 'rollback');
    if (result.kind !== 'published') {
      return failed(req, res, { id, draft: draftFromText(text), base: opened.base, questions: '', reason: `回滚到 ${versionId}` }, result);
    }
    await record(req, 'knowledge_rollback', id, { file: `knowledge/${result.file}`, to: versionId, version: result.version.id, fields: result.fields });
    res.redirect(303, `/admin/knowledge/${id}/history?flash=${encodeURIComponent(`已回滚到 ${versionId}（新版本 ${result.version.id}）。`)}`);
  });

  return router;
}
