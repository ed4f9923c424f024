/**
 * Who is asking, on every admin request. Staff log in with an account (accounts/login.ts)
 * and get an HttpOnly, SameSite=Strict session cookie; the session lives in an
 * AdminSessionStore (memory, or a shared one), ends after 30 idle minutes or 8 hours. Scripts
 * send `Authorization: Bearer <ADMIN_TOKEN>` to the JSON and CSV endpoints: the token is an
 * identity of its own ("API 令牌", acting as 管理员), compared in constant time through the
 * per-address failure guard. Forms carry the session's CSRF token.
 *
 * The result is `req.actor`: the one answer to "who is logged in" for pages (the header
 * names them), permissions, the audit trail, and anything else that records who did what
 * (demand-signal corrections, for instance): `actorOf(req)`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../storage/accounts.js';
import type { AdminSessionStore } from '../storage/admin-sessions.js';
import type { AuditVia } from '../storage/audit.js';
import { can, ROLE_NAMES, type Permission } from './accounts/roles.js';
import type { AuthGuard } from './guard.js';

export const COOKIE = 'wz_admin';
/** The cookie outlives no session: the store decides when it ends. */
const COOKIE_MAX_AGE_S = 8 * 3600;

/** The audit name of ADMIN_TOKEN. */
export const API_TOKEN_ACTOR = 'API 令牌';

/** Who is asking: an account through its session, or the API token. */
export interface Actor {
  name: string;
  role: Role;
  via: Extract<AuditVia, 'session' | 'token'>;
  /** The account, or null for the API token. */
  userId: number | null;
  /** The session's cookie id (null for the token). */
  sessionId: string | null;
  /** The form token of the session ('' for the token, which never posts forms). */
  csrf: string;
  mustChangePassword: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

/** Who is logged in on this request (set by `authenticate`); throws where no route should reach. */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw new Error('admin route without authenticate()');
  return req.actor;
}

export function describeActor(actor: Actor): string {
  return `${actor.name}（${ROLE_NAMES[actor.role]}）`;
}

/** Constant-time comparison of two secrets of any length (compares their SHA-256). */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}

/** A cookie's value; a malformed one (`%zz`) reads as absent, never as an error. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function sessionCookie(id: string, secure: boolean): string {
  return `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=${COOKIE_MAX_AGE_S}${secure ? '; Secure' : ''}`;
}

export const clearCookie = `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0`;

export interface AuthDeps {
  /** ADMIN_TOKEN, or undefined when scripts have no token. */
  token: string | undefined;
  sessions: AdminSessionStore;
  guard: AuthGuard;
}

/**
 * Require a session (pages) or, when `bearer` is allowed, the API token (scripts). Until an
 * account has chosen its own password, only the password page (and logout) are open.
 */
export function authenticate(deps: AuthDeps, opts: { bearer: boolean; page: boolean; passwordPage?: boolean }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const auth = req.headers.authorization ?? '';
    if (opts.bearer && /^bearer /i.test(auth)) {
      const token = deps.token;
      const verdict = deps.guard.attempt(req, 'bearer', () => !!token && sameSecret(auth.slice(7).trim(), token));
      if (verdict === 'refused') return deps.guard.refuse(req, res).json({ error: '错误口令太多，请稍后再试' });
      if (verdict === 'wrong') return res.status(401).json({ error: '口令不正确' });
      req.actor = { name: API_TOKEN_ACTOR, role: 'admin', via: 'token', userId: null, sessionId: null, csrf: '', mustChangePassword: false };
      return next();
    }
    const id = readCookie(req, COOKIE);
    const s = id ? await deps.sessions.get(id) : undefined;
    if (id && s) {
      req.actor = { name: s.name, role: s.role, via: 'session', userId: s.userId, sessionId: id, csrf: s.csrf, mustChangePassword: s.mustChangePassword };
      if (s.mustChangePassword && !opts.passwordPage) {
        if (opts.page && req.method === 'GET') return res.redirect(303, '/admin/password');
        return res.status(403).json({ error: '请先修改初始密码' });
      }
      return next();
    }
    if (opts.page && req.method === 'GET') return res.redirect(303, '/admin/login');
    res.status(401).json({ error: '需要登录或 Authorization: Bearer <ADMIN_TOKEN>' });
  };
}

/** 403 unless the actor's role allows it (JSON for scripts, a short page otherwise). */
export function requirePermission(permission: Permission, forbiddenPage: (actor: Actor) => string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const actor = actorOf(req);
    if (can(actor.role, permission)) return next();
    if (req.accepts(['html', 'json']) === 'html' && actor.via === 'session') return res.status(403).type('html').send(forbiddenPage(actor));
    res.status(403).json({ error: `${ROLE_NAMES[actor.role]}没有这个权限` });
  };
}

/** Form posts must carry the session's CSRF token. */
export function checkCsrf(req: Request, res: Response, next: NextFunction): void {
  const sent = typeof req.body?.csrf === 'string' ? (req.body.csrf as string) : '';
  const actor = req.actor;
  if (!actor || actor.via !== 'session' || !sent || !sameSecret(sent, actor.csrf)) {
    res.status(403).json({ error: '表单已过期，请刷新页面后重试' });
    return;
  }
  next();
}
