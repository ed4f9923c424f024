/**
 * Admin authentication: ADMIN_TOKEN (no default; unset = admin off). A login form sets
 * an HttpOnly, SameSite=Strict session cookie; scripts may send `Authorization: Bearer
 * <ADMIN_TOKEN>` to the JSON and CSV endpoints. Tokens are compared in constant time.
 * Forms carry a per-session CSRF token as well.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const COOKIE = 'wz_admin';
const SESSION_HOURS = 8;

export interface AdminSession {
  csrf: string;
  expires: number;
}

/** Constant-time comparison of two secrets of any length (compares their SHA-256). */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}

export class AdminSessions {
  private readonly sessions = new Map<string, AdminSession>();

  create(): { id: string; session: AdminSession } {
    const id = randomBytes(32).toString('hex');
    const session = { csrf: randomBytes(16).toString('hex'), expires: Date.now() + SESSION_HOURS * 3_600_000 };
    this.sessions.set(id, session);
    if (this.sessions.size > 1000) this.sessions.delete(this.sessions.keys().next().value ?? '');
    return { id, session };
  }

  get(id: string | undefined): AdminSession | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s || s.expires < Date.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function sessionCookie(id: string, secure: boolean): string {
  return `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=${SESSION_HOURS * 3600}${secure ? '; Secure' : ''}`;
}

export const clearCookie = `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0`;

declare module 'express-serve-static-core' {
  interface Request {
    admin?: AdminSession & { id: string | null };
  }
}

/** Require a session cookie (pages) or, when `bearer` is allowed, the token (scripts). */
export function requireAdmin(token: string, sessions: AdminSessions, opts: { bearer: boolean; page: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const auth = req.headers.authorization ?? '';
    if (opts.bearer && auth.startsWith('Bearer ') && sameSecret(auth.slice(7).trim(), token)) {
      req.admin = { id: null, csrf: '', expires: Infinity };
      return next();
    }
    const id = readCookie(req, COOKIE);
    const s = sessions.get(id);
    if (s) {
      req.admin = { ...s, id: id ?? null };
      return next();
    }
    if (opts.page && req.method === 'GET') return res.redirect(303, '/admin/login');
    res.status(401).json({ error: '需要登录或 Authorization: Bearer <ADMIN_TOKEN>' });
  };
}

/** Form posts must carry the session's CSRF token. */
export function checkCsrf(req: Request, res: Response, next: NextFunction): void {
  const sent = typeof req.body?.csrf === 'string' ? (req.body.csrf as string) : '';
  if (!req.admin || req.admin.id === null || !sent || !sameSecret(sent, req.admin.csrf)) {
    res.status(403).json({ error: '表单已过期，请刷新页面后重试' });
    return;
  }
  next();
}
