/**
 * Staff accounts (issue 16): the password rule and argon2id hashing, the first account from
 * the shell, change on first login, failed logins limited per address (never the account
 * for everyone), the 30-minute idle timeout, roles, and that no password or token is ever
 * logged or stored in clear.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import type { Request } from 'express';
import { pino } from 'pino';
import { checkPassword, hashPassword, passwordProblem, temporaryPassword } from '../../src/admin/accounts/passwords.js';
import { can, parseRole } from '../../src/admin/accounts/roles.js';
import { AuthGuard } from '../../src/admin/guard.js';
import { loadConfig } from '../../src/config/config.js';
import { startServer, type Running } from '../../src/server/start.js';
import { MemoryAdminSessions } from '../../src/storage/memory/admin-sessions.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, requestFrom, ROOT, tempDir } from '../helpers.js';
import { addStaff, login, PASSWORD } from './staff.js';

const run = promisify(execFile);
const TOKEN = 'api-token-for-scripts-777';
const form = (o: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(o).toString() });

afterAll(cleanTemps);

describe('passwords', () => {
  test('at least 12 characters of at least 3 kinds, not containing the name', () => {
    expect(passwordProblem('Short-1a', 'x')).toMatch(/至少 12 个字符/);
    expect(passwordProblem('alllowercaseletters', 'x')).toMatch(/至少 3 类/);
    expect(passwordProblem('lowercase12345678', 'x')).toMatch(/至少 3 类/);
    expect(passwordProblem('zhangsan-Secret-1', 'zhangsan')).toMatch(/账号名/);
    expect(passwordProblem('Correct-Horse-42', 'zhangsan')).toBeNull();
    expect(passwordProblem('户籍窗口密码ab12cd34', '李')).toBeNull(); // Chinese counts as "other"
    for (let i = 0; i < 50; i++) expect(passwordProblem(temporaryPassword(), 'someone')).toBeNull();
  });

  test('hashed with argon2id; the hash verifies the password and nothing else', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(hash).not.toContain(PASSWORD);
    expect(await hashPassword(PASSWORD)).not.toBe(hash); // salted
    expect(await checkPassword(hash, PASSWORD)).toBe(true);
    expect(await checkPassword(hash, `${PASSWORD}x`)).toBe(false);
    expect(await checkPassword('not-a-hash', PASSWORD)).toBe(false);
  });

  test('roles', () => {
    expect(parseRole('管理员')).toBe('admin');
    expect(parseRole('编辑')).toBe('editor');
    expect(parseRole('viewer')).toBe('viewer');
    expect(parseRole('超级用户')).toBeUndefined();
    expect(can('viewer', 'knowledge')).toBe(false);
    expect(can('viewer', 'export-signals')).toBe(false);
    expect(can('editor', 'knowledge')).toBe(true);
    expect(can('editor', 'users')).toBe(false);
    expect(can('editor', 'audit')).toBe(false);
    expect(can('admin', 'audit')).toBe(true);
  });
});

describe('the per-address failure guard', () => {
  const req = (ip: string) => ({ ip, socket: {} }) as unknown as Request;
  test('5 failures make that address wait 15 minutes, counted from the 5th; other addresses are free', async () => {
    const guard = new AuthGuard({ limit: 5, windowMs: 15 * 60_000 });
    let t = 1_000_000;
    const wrong = () => Promise.resolve(false);
    const right = () => Promise.resolve(true);
    for (let i = 0; i < 5; i++) expect(await guard.attemptAsync(req('10.0.0.1'), 'login', wrong, (t += 60_000))).toBe('wrong');
    expect(await guard.attemptAsync(req('10.0.0.1'), 'login', right, t + 1)).toBe('refused');
    expect(await guard.attemptAsync(req('10.0.0.2'), 'login', right, t + 1)).toBe('ok');
    expect(await guard.attemptAsync(req('10.0.0.1'), 'login', right, t + 15 * 60_000 - 1)).toBe('refused');
    expect(await guard.attemptAsync(req('10.0.0.1'), 'login', right, t + 15 * 60_000 + 1)).toBe('ok');
  });
});

describe('admin sessions', () => {
  test('end after 30 idle minutes; use keeps them alive; none outlives 8 hours; only hashes of ids are kept', async () => {
    let now = 0;
    const store = new MemoryAdminSessions({ now: () => now });
    const id = await store.create({ userId: 1, name: 'a', role: 'editor', csrf: 'c', mustChangePassword: false });
    now += 29 * 60_000;
    expect((await store.get(id))?.name).toBe('a');
    now += 29 * 60_000;
    expect(await store.get(id)).toBeDefined(); // 58 minutes, but used 29 minutes ago
    now += 31 * 60_000;
    expect(await store.get(id)).toBeUndefined();
    const long = await store.create({ userId: 1, name: 'a', role: 'editor', csrf: 'c', mustChangePassword: false });
    for (let i = 0; i < 17; i++) {
      now += 29 * 60_000;
      await store.get(long);
    }
    expect(await store.get(long)).toBeUndefined(); // 8 h 13 min after it began
    expect(JSON.stringify([...(store as unknown as { sessions: Map<string, unknown> }).sessions.keys()])).not.toContain(long);
  });
});

describe('accounts over HTTP', () => {
  let s: Running;
  let now = Date.now();
  const logLines: string[] = [];
  const dataDir = tempDir();
  let temporary = '';

  beforeAll(async () => {
    // The first account, from the shell, before the server runs.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/admin/admin-cli.ts'), 'add-user', '王科长', '--role', '管理员'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    expect(stdout).toContain('已创建账号“王科长”（管理员）');
    temporary = /临时密码：(\S+)/.exec(stdout)?.[1] ?? '';
    expect(passwordProblem(temporary, '王科长')).toBeNull();
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, KNOWLEDGE_DIR, INTENTS_DIR, USER_HASH_SECRET: 's', ADMIN_TOKEN: TOKEN }, false);
    s = await startServer(config, pino({ level: 'trace' }, sink), { watch: false, now: () => now });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  test('the shell-made 管理员 must change the temporary password before anything else', async () => {
    const first = await login(s, '王科长', temporary);
    const dash = await first.get('/admin');
    expect(dash.status).toBe(303);
    expect(dash.headers.get('location')).toBe('/admin/password');
    expect((await first.get('/admin/api/summary')).status).toBe(403);
    const weak = await first.post('/admin/password', { current: temporary, next: 'password', confirm: 'password' });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('至少 12 个字符');
    const ok = await first.post('/admin/password', { current: temporary, next: PASSWORD, confirm: PASSWORD });
    expect(ok.status).toBe(303);
    const page = await (await first.get('/admin')).text();
    expect(page).toContain('当前用户：<strong>王科长</strong>（管理员）');
    // The old temporary password no longer works.
    await expect(login(s, '王科长', temporary)).rejects.toThrow(/401/);
  });

  test('5 wrong passwords from one address: it waits 15 minutes, even with the right password; others log in', async () => {
    await addStaff(s, '赵编辑', 'editor');
    const GUESSER = '127.0.0.41';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await requestFrom(GUESSER, `${s.url}/admin/login`, form({ name: '赵编辑', password: `guess-${i}` }))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const blocked = await requestFrom(GUESSER, `${s.url}/admin/login`, form({ name: '赵编辑', password: PASSWORD }));
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('15 分钟后再试');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // The Bearer token is refused there too: one limit for every admin route.
    expect((await requestFrom(GUESSER, `${s.url}/admin/api/summary`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(429);
    // The account is not locked for everyone.
    const other = await requestFrom('127.0.0.42', `${s.url}/admin/login`, form({ name: '赵编辑', password: PASSWORD }));
    expect(other.status).toBe(303);
    const failed = await s.ctx.audit.query({ action: 'login_failed', actor: '赵编辑' });
    expect(failed).toHaveLength(5);
    expect(failed.every((e) => e.ip.endsWith('127.0.0.41'))).toBe(true);
  });

  test('parallel guesses cannot slip past the limit while the hash is compared', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => requestFrom('127.0.0.43', `${s.url}/admin/login`, form({ name: '赵编辑', password: `parallel-${i}` })).then((r) => r.status)));
    expect(statuses.filter((x) => x === 401)).toHaveLength(5);
    expect(statuses.filter((x) => x === 429)).toHaveLength(15);
  });

  test('an unknown name fails like a wrong password, and is not stored (it may be a password typed in the wrong box)', async () => {
    const res = await requestFrom('127.0.0.44', `${s.url}/admin/login`, form({ name: 'Typed-My-Password-9', password: 'x' }));
    expect(res.status).toBe(401);
    expect(res.text).toContain('账号或密码不正确');
    const entry = (await s.ctx.audit.query({ action: 'login_failed' }))[0];
    expect(entry).toMatchObject({ actor: '（未知账号）', target: '' });
  });

  test('30 idle minutes end a session; using it keeps it alive', async () => {
    await addStaff(s, '钱查看', 'viewer');
    const viewer = await login(s, '钱查看');
    now += 25 * 60_000;
    expect((await viewer.get('/admin')).status).toBe(200);
    now += 25 * 60_000;
    expect((await viewer.get('/admin')).status).toBe(200);
    now += 31 * 60_000;
    const gone = await viewer.get('/admin');
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toBe('/admin/login');
  });

  test('roles: 查看 has no edit or export buttons and gets 403; 编辑 cannot manage accounts or read the audit', async () => {
    const viewer = await login(s, '钱查看');
    const dash = await (await viewer.get('/admin')).text();
    expect(dash).not.toContain('重新加载知识库');
    expect(dash).not.toContain('href="/admin/export"');
    expect((await viewer.get('/admin/export/signals.csv')).status).toBe(403);
    expect((await viewer.get('/admin/api/interactions')).status).toBe(403);
    expect((await viewer.post('/admin/reload', {})).status).toBe(403);
    expect((await viewer.post('/admin/users', { name: '新人', role: 'admin' })).status).toBe(403);
    const editor = await login(s, '赵编辑');
    expect((await editor.get('/admin/users')).status).toBe(403);
    expect((await editor.get('/admin/audit')).status).toBe(403);
    expect((await editor.get('/admin/api/audit')).status).toBe(403);
    expect((await editor.get('/admin/export/interactions.csv')).status).toBe(403);
    expect((await editor.get('/admin/export/signals.csv')).status).toBe(200);
  });

  test('a 管理员 creates, demotes and disables accounts; a disabled account is logged out and cannot log in', async () => {
    const admin = await login(s, '王科长');
    const created = await admin.post('/admin/users', { name: '孙编辑', role: 'editor' });
    expect(created.status).toBe(200);
    const temp = /id="temporary-password">([^<]+)</.exec(await created.text())?.[1] ?? '';
    expect(passwordProblem(temp, '孙编辑')).toBeNull();
    const sun = await login(s, '孙编辑', temp);
    expect((await sun.get('/admin')).headers.get('location')).toBe('/admin/password');
    const user = await s.ctx.accounts.byName('孙编辑');
    expect((await admin.post(`/admin/users/${user?.id}`, { role: 'editor', disabled: '1' })).status).toBe(303);
    expect((await sun.get('/admin/password')).status).toBe(303); // its session ended
    await expect(login(s, '孙编辑', temp)).rejects.toThrow(/401/);
    // The last 管理员 cannot be demoted.
    const me = await s.ctx.accounts.byName('王科长');
    const demote = await admin.post(`/admin/users/${me?.id}`, { role: 'viewer' });
    expect(demote.status).toBe(400);
    const audit = await s.ctx.audit.query({ actor: '王科长' });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['user_create', 'user_update', 'password_change', 'login']));
    expect(audit.find((e) => e.action === 'user_update')?.detail).toMatchObject({ disabled: { before: false, after: true } });
    const cli = (await s.ctx.audit.query({ action: 'user_create' })).find((e) => e.target === '王科长');
    expect(cli).toMatchObject({ via: 'cli', role: null });
    expect(cli?.actor).toMatch(/^命令行 /);
  });

  test('no password, temporary password or token is ever logged or stored in clear', async () => {
    expect((await fetch(`${s.url}/admin/api/audit`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    await s.ctx.log.flush();
    const secrets = [PASSWORD, temporary, TOKEN, 'guess-3', 'parallel-7'];
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    const files = readdirSync(dataDir).filter((f) => f.startsWith('wenzheng.sqlite')).map((f) => readFileSync(join(dataDir, f)).toString('latin1'));
    const stored = Buffer.from(files.join(''), 'latin1').toString('utf8') + files.join('');
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    // What is stored is a hash.
    expect((await s.ctx.accounts.byName('王科长'))?.passwordHash).toMatch(/^\$argon2id\$/);
  });
});
