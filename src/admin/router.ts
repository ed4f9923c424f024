/**
 * Admin routes at /admin (only when ADMIN_TOKEN is set): login/logout, dashboard,
 * demand signals and their handling, CSV exports, JSON API, reload button.
 */
import express, { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { join } from 'node:path';
import { z } from 'zod';
import { periods, SIGNAL_STATUSES } from '../storage/reports.js';
import type { SignalStatus } from '../storage/types.js';
import type { AdminContext } from './context.js';
import { AdminSessions, checkCsrf, clearCookie, readCookie, requireAdmin, sameSecret, sessionCookie, COOKIE } from './auth.js';
import { toCsv } from './csv.js';
import { dashboardData, dashboardPage, exportPage, loginPage, signalPage, signalsPage } from './views.js';

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

export function adminRouter(ctx: AdminContext, token: string, loginLimit = 10): Router {
  const router = Router();
  const sessions = new AdminSessions();
  const { reports } = ctx;
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const secure = (req: Request) => req.secure;
  const page = requireAdmin(token, sessions, { bearer: false, page: true });
  const api = requireAdmin(token, sessions, { bearer: true, page: false });
  const csv = (name: string, body: string) => (res: express.Response) =>
    res.type('text/csv; charset=utf-8').attachment(name).send(body);

  // From src/admin or dist/admin alike: assets are served from the sources.
  router.use('/static', express.static(join(import.meta.dirname, '../../src/admin/static'), { maxAge: '1h' }));
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/login', (_req, res) => {
    res.type('html').send(loginPage());
  });
  router.post(
    '/login',
    rateLimit({ windowMs: 15 * 60_000, limit: loginLimit, standardHeaders: 'draft-8', legacyHeaders: false, handler: (_req, res) => void res.status(429).type('html').send(loginPage('尝试次数过多，请 15 分钟后再试。')) }),
    form,
    (req, res) => {
      const given = typeof req.body?.token === 'string' ? (req.body.token as string) : '';
      if (!sameSecret(given, token)) {
        ctx.logger.warn({ ip: req.ip }, 'admin login failed');
        res.status(401).type('html').send(loginPage('口令不正确。'));
        return;
      }
      const { id } = sessions.create();
      res.setHeader('Set-Cookie', sessionCookie(id, secure(req)));
      res.redirect(303, '/admin');
    },
  );
  router.post('/logout', form, page, checkCsrf, (req, res) => {
    sessions.delete(readCookie(req, COOKIE));
    res.setHeader('Set-Cookie', clearCookie);
    res.redirect(303, '/admin/login');
  });

  // JSON and CSV: session cookie or Bearer token.
  router.get('/api/summary', api, async (_req, res) => {
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
  router.get('/api/signals', api, async (req, res) => {
    const { from } = dateRange(req);
    res.json({ signals: await reports.signals({ since: req.query.from ? from : undefined, limit: 1000 }) });
  });
  router.get('/api/interactions', api, async (req, res) => {
    const { from, to } = dateRange(req);
    res.json({ from, to, interactions: await reports.interactions(from, to) });
  });
  router.get('/export/signals.csv', api, async (req, res) => {
    const { from } = dateRange(req);
    const rows = (await reports.signals({ since: from, limit: 100_000 })).map((s) => [s.id, s.key, s.count, s.last7, s.prev7, s.firstSeen, s.lastSeen, SIGNAL_STATUSES[s.status], s.note ?? '', s.examples.join(' | ')]);
    csv('signals.csv', toCsv(['编号', '问题归并', '次数', '近7天', '前7天', '首次', '最近', '状态', '备注', '例句'], rows))(res);
  });
  router.get('/export/interactions.csv', api, async (req, res) => {
    const { from, to } = dateRange(req);
    const rows = (await reports.interactions(from, to)).map((i) => [i.at, i.channel, i.userHash, i.text, i.kind, i.itemId ?? '', i.field ?? '', i.score, i.latencyMs.toFixed(3), i.signalId ?? '']);
    csv('interactions.csv', toCsv(['时间', '渠道', '用户（哈希）', '消息（已脱敏）', '答复类型', '事项', '内容', '得分', '耗时ms', '信号编号'], rows))(res);
  });

  // Pages.
  router.get('/', page, async (req, res) => {
    const flash = typeof req.query.flash === 'string' ? req.query.flash : undefined;
    res.type('html').send(dashboardPage(ctx.engine, await dashboardData(reports, ctx.logHealth()), req.admin?.csrf ?? '', flash));
  });
  router.get('/signals', page, async (req, res) => {
    const status = typeof req.query.status === 'string' && req.query.status in SIGNAL_STATUSES ? (req.query.status as SignalStatus) : 'all';
    const signals = await reports.signals({ limit: 500, status: status === 'all' ? undefined : [status] });
    res.type('html').send(signalsPage(ctx.engine, signals, status, req.admin?.csrf ?? ''));
  });
  router.get('/signals/:id', page, async (req, res) => {
    const signal = await reports.signal(Number(req.params.id));
    if (!signal) {
      res.status(404).json({ error: '没有这个信号' });
      return;
    }
    res.type('html').send(signalPage(ctx.engine, signal, req.admin?.csrf ?? ''));
  });
  router.post('/signals/:id', form, page, checkCsrf, async (req, res) => {
    const parsed = statusForm.safeParse(req.body);
    if (!parsed.success || !(await reports.updateSignal(Number(req.params.id), parsed.data.status, parsed.data.note))) {
      res.status(400).json({ error: '状态或备注无效' });
      return;
    }
    res.redirect(303, `/admin/signals/${Number(req.params.id)}`);
  });
  router.post('/reload', form, page, checkCsrf, async (_req, res) => {
    const r = await ctx.reload('admin button');
    const flash = r.ok ? `知识库已重新加载（${Math.round(r.ms)} ms）` : '知识库有错误，没有生效，见下方“知识库状态”';
    res.redirect(303, `/admin?flash=${encodeURIComponent(flash)}`);
  });
  router.get('/export', page, (req, res) => {
    res.type('html').send(exportPage(req.admin?.csrf ?? ''));
  });
  return router;
}
