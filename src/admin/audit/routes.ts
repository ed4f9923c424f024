/**
 * The audit trail for 管理员 and scripts: the page with filters, CSV (`/admin/export/audit.csv`)
 * and JSON (`/admin/api/audit`, for 管理员 or the API token). The same filters everywhere:
 * from, to (YYYY-MM-DD, inclusive), actor, action, target, before (an id, for paging).
 */
import { Router, type Request, type RequestHandler } from 'express';
import { AUDIT_ACTIONS, type AuditAction, type AuditQuery } from '../../storage/audit.js';
import { ROLE_NAMES } from '../accounts/roles.js';
import { actorOf } from '../auth.js';
import type { AdminContext } from '../context.js';
import { toCsv } from '../csv.js';
import { auditPage, detailSummary, VIA_NAMES } from './views.js';

const DAY = 86_400_000;
const PAGE = 200;

export function auditQuery(req: Request): { q: AuditQuery; query: string } {
  const s = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string).trim().slice(0, 100) : '');
  const date = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s(k)) ? new Date(`${s(k)}T00:00:00Z`) : undefined);
  const to = date('to');
  const action = s('action');
  const q: AuditQuery = {
    from: date('from'),
    to: to && new Date(to.getTime() + DAY),
    actor: s('actor') || undefined,
    action: action in AUDIT_ACTIONS ? (action as AuditAction) : undefined,
    target: s('target') || undefined,
    before: Number(s('before')) > 0 ? Number(s('before')) : undefined,
  };
  const params = new URLSearchParams();
  for (const k of ['from', 'to', 'actor', 'action', 'target']) if (s(k)) params.set(k, s(k));
  return { q, query: params.toString() };
}

export function auditRoutes(ctx: AdminContext, page: RequestHandler[], api: RequestHandler[]): Router {
  const router = Router();
  router.get('/audit', ...page, async (req, res) => {
    const { q, query } = auditQuery(req);
    res.type('html').send(auditPage(actorOf(req), await ctx.audit.query({ ...q, limit: PAGE }), q, query, PAGE));
  });
  router.get('/api/audit', ...api, async (req, res) => {
    const { q } = auditQuery(req);
    const limit = Math.min(10_000, Math.max(1, Number(req.query.limit) || 1000));
    res.json({ entries: await ctx.audit.query({ ...q, limit }) });
  });
  router.get('/export/audit.csv', ...api, async (req, res) => {
    const { q } = auditQuery(req);
    const entries = await ctx.audit.query({ ...q, limit: 1_000_000 });
    const rows = entries.map((e) => [e.id, e.at, e.actor, e.role ? ROLE_NAMES[e.role] : '', VIA_NAMES[e.via], e.ip, AUDIT_ACTIONS[e.action] ?? e.action, e.target, detailSummary(e), JSON.stringify(e.detail)]);
    await ctx.audit.record({ actor: actorOf(req).name, role: actorOf(req).role, via: actorOf(req).via, ip: req.ip ?? '', action: 'export', target: 'audit.csv', detail: { rows: rows.length } });
    res.type('text/csv; charset=utf-8').attachment('audit.csv').send(toCsv(['编号', '时间（UTC）', '人员', '角色', '方式', '来源地址', '操作', '对象', '摘要', '详情（JSON）'], rows));
  });
  return router;
}
