/**
 * Account routes: log in (name and password, failures limited per address), log out,
 * change password (forced at the first login), and the accounts page for 管理员 (create,
 * change role, disable, reset a password). Every step is in the audit trail.
 */
import express, { Router, type RequestHandler } from 'express';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DuplicateUserError, ROLES, type Role, type StaffUser } from '../../storage/accounts.js';
import type { AuditRecorder } from '../audit/record.js';
import { actorOf, checkCsrf, clearCookie, COOKIE, readCookie, sessionCookie } from '../auth.js';
import type { AdminContext } from '../context.js';
import type { AuthGuard } from '../guard.js';
import { createAccount, resetPassword, wouldLeaveNoAdmin } from './accounts.js';
import { checkPassword, decoyHash, hashPassword, passwordProblem } from './passwords.js';
import { ROLE_NAMES } from './roles.js';
import { loginPage, passwordPage, temporaryPasswordPage, usersPage } from './views.js';

const str = (v: unknown, max = 256) => (typeof v === 'string' ? v.slice(0, max) : '');

export interface AccountRouteDeps {
  ctx: AdminContext;
  guard: AuthGuard;
  record: AuditRecorder;
  /** Any signed-in account, also one that must still change its password. */
  passwordPage: RequestHandler;
  /** Pages for 管理员 (session, CSRF checked by the caller's chain). */
  usersOnly: RequestHandler[];
}

export function accountRoutes({ ctx, guard, record, passwordPage: signedIn, usersOnly }: AccountRouteDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { accounts, adminSessions, audit } = ctx;

  router.get('/login', async (_req, res) => {
    res.type('html').send(loginPage({ noAccounts: (await accounts.count()) === 0 }));
  });

  router.post('/login', form, async (req, res) => {
    const name = str(req.body?.name, 64).trim();
    const password = str(req.body?.password);
    let user: StaffUser | undefined;
    const verdict = await guard.attemptAsync(req, 'login', async () => {
      user = name ? await accounts.byName(name) : undefined;
      if (!user || user.disabled) {
        await checkPassword(await decoyHash(), password); // the same time as a wrong password
        return false;
      }
      return checkPassword(user.passwordHash, password);
    });
    if (verdict === 'refused') {
      guard.refuse(req, res).type('html').send(loginPage({ error: `这个地址登录失败次数过多，请 ${Math.ceil(guard.retryAfter(req) / 60)} 分钟后再试。`, name }));
      return;
    }
    if (verdict === 'wrong' || !user) {
      const known = user as StaffUser | undefined;
      await audit.record({
        actor: known ? known.name : '（未知账号）',
        role: known?.role ?? null,
        via: 'anonymous',
        ip: req.ip ?? '',
        action: 'login_failed',
        target: known ? known.name : '',
        detail: { reason: !known ? 'unknown account' : known.disabled ? 'account disabled' : 'wrong password' },
      });
      res.status(401).type('html').send(loginPage({ error: '账号或密码不正确。', name }));
      return;
    }
    const id = await adminSessions.create({ userId: user.id, name: user.name, role: user.role, csrf: randomCsrf(), mustChangePassword: user.mustChangePassword });
    await accounts.update(user.id, { lastLoginAt: new Date().toISOString() });
    await audit.record({ actor: user.name, role: user.role, via: 'session', ip: req.ip ?? '', action: 'login', target: user.name });
    res.setHeader('Set-Cookie', sessionCookie(id, req.secure));
    res.redirect(303, user.mustChangePassword ? '/admin/password' : '/admin');
  });

  router.post('/logout', form, signedIn, checkCsrf, async (req, res) => {
    const id = readCookie(req, COOKIE);
    if (id) await adminSessions.delete(id);
    await record(req, 'logout', actorOf(req).name);
    res.setHeader('Set-Cookie', clearCookie);
    res.redirect(303, '/admin/login');
  });

  router.get('/password', signedIn, (req, res) => {
    res.type('html').send(passwordPage(actorOf(req), { done: req.query.done === '1' }));
  });
  router.post('/password', form, signedIn, checkCsrf, async (req, res) => {
    const actor = actorOf(req);
    const user = actor.userId === null ? undefined : await accounts.byId(actor.userId);
    if (!user || actor.sessionId === null) {
      res.status(403).json({ error: 'API 令牌没有密码' });
      return;
    }
    const current = str(req.body?.current);
    const next = str(req.body?.next, 1024);
    const fail = (error: string) => res.status(400).type('html').send(passwordPage(actor, { error }));
    if (!(await checkPassword(user.passwordHash, current))) return fail('当前密码不正确。');
    if (next !== str(req.body?.confirm, 1024)) return fail('两次输入的新密码不一样。');
    const problem = passwordProblem(next, user.name);
    if (problem) return fail(`${problem}。`);
    if (await checkPassword(user.passwordHash, next)) return fail('新密码不能和当前密码相同。');
    await accounts.update(user.id, { passwordHash: await hashPassword(next), mustChangePassword: false });
    // Other sessions of this account end (someone who knew the old password is out).
    await adminSessions.deleteUser(user.id, actor.sessionId);
    await adminSessions.update(actor.sessionId, { mustChangePassword: false });
    await record(req, 'password_change', user.name, { first: user.mustChangePassword });
    res.redirect(303, user.mustChangePassword ? '/admin' : '/admin/password?done=1');
  });

  router.get('/users', ...usersOnly, async (req, res) => {
    res.type('html').send(usersPage(actorOf(req), await accounts.list(), { flash: str(req.query.flash) || undefined }));
  });

  const roleOf = z.enum(ROLES as [Role, ...Role[]]);
  router.post('/users', form, ...usersOnly, checkCsrf, async (req, res) => {
    const actor = actorOf(req);
    const name = str(req.body?.name, 100).trim();
    const role = roleOf.safeParse(req.body?.role);
    const fail = async (error: string) => res.status(400).type('html').send(usersPage(actor, await accounts.list(), { error }));
    if (!role.success) return fail('请选择角色。');
    try {
      const { user, password } = await createAccount(accounts, { name, role: role.data, createdBy: actor.name });
      await record(req, 'user_create', user.name, { role: user.role });
      res.type('html').send(temporaryPasswordPage(actor, user.name, user.role, password));
    } catch (err) {
      if (err instanceof DuplicateUserError || err instanceof Error) return fail(err.message);
      throw err;
    }
  });

  router.post('/users/:id', form, ...usersOnly, checkCsrf, async (req, res) => {
    const actor = actorOf(req);
    const user = await accounts.byId(Number(req.params.id));
    const role = roleOf.safeParse(req.body?.role);
    if (!user || !role.success) {
      res.status(400).type('html').send(usersPage(actor, await accounts.list(), { error: '没有这个账号或角色无效。' }));
      return;
    }
    const disabled = req.body?.disabled === '1';
    const reset = req.body?.reset === '1';
    if (await wouldLeaveNoAdmin(accounts, user.id, { role: role.data, disabled })) {
      res.status(400).type('html').send(usersPage(actor, await accounts.list(), { error: '至少要保留一个正常使用的管理员账号。' }));
      return;
    }
    const changes: Record<string, unknown> = {};
    if (role.data !== user.role) changes.role = { before: ROLE_NAMES[user.role], after: ROLE_NAMES[role.data] };
    if (disabled !== user.disabled) changes.disabled = { before: user.disabled, after: disabled };
    if (reset) changes.passwordReset = true;
    if (!Object.keys(changes).length) return res.redirect(303, '/admin/users');
    await accounts.update(user.id, { role: role.data, disabled });
    const password = reset ? await resetPassword(accounts, user.id) : undefined;
    // A changed role, a disabled account or a reset password ends the account's sessions.
    await adminSessions.deleteUser(user.id);
    await record(req, 'user_update', user.name, changes);
    if (password) res.type('html').send(temporaryPasswordPage(actor, user.name, role.data, password));
    else res.redirect(303, `/admin/users?flash=${encodeURIComponent(`已保存“${user.name}”`)}`);
  });

  return router;
}

function randomCsrf(): string {
  return randomBytes(16).toString('hex');
}
