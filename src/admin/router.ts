/**
 * Admin routes at /admin: accounts (login, password, users), dashboard, demand signals and
 * their handling, the knowledge editor, CSV exports, the JSON API, the audit trail, the
 * reload button. Every route knows who is asking (`req.actor`) and checks the role;
 * every administrative action is recorded in the audit trail.
 *
 * The admin side exists when ADMIN_TOKEN is set or an account does (`npm run admin --
 * add-user`); otherwise /admin is 404, as before accounts.
 */
import express, { Router, type Request, type RequestHandler } from 'express';
import { join } from 'node:path';
import { z } from 'zod';
import { periods, SIGNAL_STATUSES } from '../storage/reports.js';
import type { SignalStatus } from '../storage/types.js';
import { accountRoutes } from './accounts/routes.js';
import type { Permission } from './accounts/roles.js';
import { forbiddenPage } from './accounts/views.js';
import { auditRecorder, maskNote } from './audit/record.js';
import { auditRoutes } from './audit/routes.js';
import { actorOf, authenticate, checkCsrf, requirePermission } from './auth.js';
import type { AdminContext } from './context.js';
import { toCsv } from './csv.js';
import { correctionRoutes, signalName } from './corrections.js';
import { teachRoutes } from './teach.js';
import type { DraftPreviewer } from './editor/previewer.js';
import { editorRoutes } from './editor/routes.js';
import { AuthGuard } from './guard.js';
import { dashboardData, dashboardPage, exportPage, signalPage, signalsPage } from './views.js';
import { buildWeekly, weeklyFileName } from './weekly/build.js';
import { htmlToPdf, NoChromium } from './weekly/pdf.js';

const DAY = 86_400_000;

/** `from`/`to` as YYYY-MM-DD (to inclusive), defaulting to the last 30 days. */
export function dateRange(req: Request): { from: Date; to: Date } {
  const parse = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : undefined);
  const to = parse(req.query.to);
  const from = parse(req.query.from);
  const end = to ? new Date(to.getTime() + DAY) : new Date(Date.now() + 1);
  return { from: from ?? new Date(end.getTime() - 30 * DAY), to: end };
}

const statusForm = z.object({
  status: z.enum(Object.keys(SIGNAL_STATUSES) as [SignalStatus, ...SignalStatus[]]),
  note: z.string().max(1000).optional().transform((v) => (v?.trim() ? v.trim() : null)),
});

/** Wrong passwords and tokens allowed per address before it waits (issue 16: 5 per 15 minutes). */
export const LOGIN_FAILURES = 5;
export const LOGIN_WAIT_MS = 15 * 60_000;

export interface AdminOptions {
  /** ADMIN_TOKEN: the API token for scripts (unset: no token). */
  token?: string;
  /** Wrong passwords and tokens per address. */
  guard?: AuthGuard;
  /** Where knowledge drafts are built (their own processes). */
  previewer: DraftPreviewer;
  /** The question set previews run (test/questions/dev.yaml). */
  devSetPath?: string;
}

export function adminRouter(ctx: AdminContext, options: AdminOptions): Router {
  const router = Router();
  const { reports } = ctx;
  const guard = options.guard ?? new AuthGuard({ limit: LOGIN_FAILURES, windowMs: LOGIN_WAIT_MS, logger: ctx.logger });
  const deps = { token: options.token, sessions: ctx.adminSessions, guard };
  const record = auditRecorder(ctx.audit);
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const pageAuth = authenticate(deps, { bearer: false, page: true });
  const apiAuth = authenticate(deps, { bearer: true, page: false });
  const may = (p: Permission) => requirePermission(p, forbiddenPage);
  const page = (p: Permission): RequestHandler[] => [pageAuth, may(p)];
  const api = (p: Permission): RequestHandler[] => [apiAuth, may(p)];
  const post = (p: Permission): RequestHandler[] => [form, pageAuth, may(p), checkCsrf];
  const csv = (name: string, body: string) => (res: express.Response) => res.type('text/csv; charset=utf-8').attachment(name).send(body);

  // Off unless there is a token or an account (accounts are rarely all gone: cached once seen).
  let hasAccounts = false;
  router.use(async (_req, res, next) => {
    if (options.token || hasAccounts || (hasAccounts = (await ctx.accounts.count()) > 0)) return next();
    res.status(404).json({ error: '没有这个地址' });
  });

  // From src/admin or dist/admin alike: assets are served from the sources.
  router.use('/static', express.static(join(import.meta.dirname, '../../src/admin/static'), { maxAge: '1h' }));
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.use(
    accountRoutes({
      ctx,
      guard,
      record,
      passwordPage: authenticate(deps, { bearer: false, page: true, passwordPage: true }),
      usersOnly: page('users'),
    }),
  );
  router.use(auditRoutes(ctx, page('audit'), api('audit')));
  router.use(editorRoutes(ctx, { page, post, record, previewer: options.previewer, devSetPath: options.devSetPath }));

  // JSON and CSV: a session or the API token.
  router.get('/api/summary', ...api('read'), async (_req, res) => {
    const now = new Date();
    const d30 = new Date(now.getTime() - 30 * DAY);
    res.json({
      periods: await periods(reports, now),
      channels: await reports.byChannel(d30),
      daily: await reports.daily(30, now),
      topItems: await reports.topItems(d30),
      topFields: await reports.topFields(d30),
      knowledge: { items: ctx.engine.brain.knowledge.items.length, loadedAt: ctx.engine.brain.builtAt, lastReload: ctx.engine.lastReload },
      log: ctx.logHealth(),
    });
  });
  router.get('/api/signals', ...api('read'), async (req, res) => {
    const { from } = dateRange(req);
    res.json({ signals: await reports.signals({ since: req.query.from ? from : undefined, limit: 1000 }) });
  });
  router.get('/api/feedback', ...api('read'), async (req, res) => {
    const { from } = dateRange(req);
    res.json({ from, items: await reports.itemFeedback(from, 10) });
  });
  router.get('/api/corrections', ...api('read'), async (_req, res) => {
    res.json({ corrections: await reports.corrections() });
  });
  router.get('/api/interactions', ...api('export-interactions'), async (req, res) => {
    const { from, to } = dateRange(req);
    const interactions = await reports.interactions(from, to);
    await record(req, 'export', 'interactions.json', { from: from.toISOString(), to: to.toISOString(), rows: interactions.length });
    res.json({ from, to, interactions });
  });
  router.get('/export/signals.csv', ...api('export-signals'), async (req, res) => {
    const { from } = dateRange(req);
    const rows = (await reports.signals({ since: from, limit: 100_000 })).map((s) => [s.id, signalName(s), s.kind === 'unhelpful' ? `答非所问 ${s.itemId ?? ''}` : '未能回答', s.count, s.last7, s.prev7, s.firstSeen, s.lastSeen, SIGNAL_STATUSES[s.status], s.note ?? '', s.examples.join(' | ')]);
    await record(req, 'export', 'signals.csv', { from: from.toISOString(), rows: rows.length });
    csv('signals.csv', toCsv(['编号', '群众问的是', '类型', '次数', '近7天', '前7天', '首次', '最近', '状态', '备注', '例句'], rows))(res);
  });
  router.get('/export/interactions.csv', ...api('export-interactions'), async (req, res) => {
    const { from, to } = dateRange(req);
    const rows = (await reports.interactions(from, to)).map((i) => [i.at, i.channel, i.userHash, i.text, i.kind, i.itemId ?? '', i.field ?? '', i.score, i.latencyMs.toFixed(3), i.signalId ?? '']);
    await record(req, 'export', 'interactions.csv', { from: from.toISOString(), to: to.toISOString(), rows: rows.length });
    csv('interactions.csv', toCsv(['时间', '渠道', '用户（哈希）', '消息（已脱敏）', '答复类型', '事项', '内容', '得分', '耗时ms', '信号编号'], rows))(res);
  });

  // Pages.
  router.get('/', ...page('read'), async (req, res) => {
    const flash = typeof req.query.flash === 'string' ? req.query.flash : undefined;
    res.type('html').send(dashboardPage(ctx.engine, await dashboardData(reports, ctx.logHealth()), actorOf(req), flash));
  });
  router.get('/signals', ...page('read'), async (req, res) => {
    const status = typeof req.query.status === 'string' && req.query.status in SIGNAL_STATUSES ? (req.query.status as SignalStatus) : 'all';
    const signals = await reports.signals({ limit: 500, status: status === 'all' ? undefined : [status] });
    res.type('html').send(signalsPage(ctx.engine, signals, status, actorOf(req)));
  });
  router.get('/signals/:id', ...page('read'), async (req, res) => {
    const signal = await reports.signal(Number(req.params.id));
    if (!signal) {
      res.status(404).json({ error: '没有这个信号' });
      return;
    }
    const [candidates, history] = await Promise.all([reports.signals({ limit: 300, kind: signal.kind }), reports.corrections(signal.id)]);
    const flash = typeof req.query.flash === 'string' ? req.query.flash : undefined;
    res.type('html').send(signalPage(ctx.engine, signal, actorOf(req), { candidates, history, flash }));
  });
  router.post('/signals/:id', ...post('signals'), async (req, res) => {
    const id = Number(req.params.id);
    const parsed = statusForm.safeParse(req.body);
    const before = await reports.signal(id);
    if (!parsed.success || !before || !(await reports.updateSignal(id, parsed.data.status, parsed.data.note))) {
      res.status(400).json({ error: '状态或备注无效' });
      return;
    }
    await record(req, 'signal_status', `#${id} ${before.key}`, {
      status: { before: SIGNAL_STATUSES[before.status], after: SIGNAL_STATUSES[parsed.data.status] },
      note: { before: maskNote(before.note), after: maskNote(parsed.data.note) },
    });
    res.redirect(303, `/admin/signals/${id}`);
  });
  router.post('/reload', ...post('knowledge'), async (req, res) => {
    const r = await ctx.reload(`admin button (${actorOf(req).name})`);
    await record(req, 'knowledge_reload', '知识库', { ok: r.ok, ms: Math.round(r.ms) });
    const flash = r.ok ? `知识库已重新加载（${Math.round(r.ms)} ms）` : '知识库有错误，没有生效，见下方“知识库状态”';
    res.redirect(303, `/admin?flash=${encodeURIComponent(flash)}`);
  });
  correctionRoutes(router, ctx, post('signals'), record);
  teachRoutes(router, ctx, post('knowledge'), record);
  // The weekly report: printable HTML, and the same printed to PDF by the system's Chromium.
  const weekly = () => buildWeekly({ brain: ctx.engine.brain, params: ctx.engine.params, reports, versions: ctx.versions });
  router.get('/weekly.html', ...api('read'), async (_req, res) => {
    res.type('html').send((await weekly()).html);
  });
  router.get('/weekly.pdf', ...api('read'), async (_req, res) => {
    const { report, html } = await weekly();
    try {
      const pdf = await htmlToPdf(html, ctx.weekly.chromiumPath);
      res.type('application/pdf').attachment(weeklyFileName(report, 'pdf')).send(pdf);
    } catch (err) {
      if (!(err instanceof NoChromium)) throw err;
      res.status(503).type('text/plain; charset=utf-8').send(`${err.message}\n网页版：/admin/weekly.html`);
    }
  });
  router.get('/export', ...page('export-signals'), (req, res) => {
    res.type('html').send(exportPage(actorOf(req)));
  });
  return router;
}
