/**
 * `npm run admin -- <command>`: accounts from the server's shell, for the first 管理员 and
 * for getting back in when no 管理员 can log in. Writes the server's store (DATA_DIR); each
 * change is in the audit trail as "命令行 <user>@<host>".
 *
 *   add-user NAME --role 管理员|编辑|查看 [--password-stdin]
 *   reset-password NAME
 *   list-users
 *
 * A new or reset account gets a temporary password, printed once here (only its hash is
 * stored); it must be changed at the first login. --password-stdin reads the password
 * from standard input instead (it must meet the rule, and still be changed at first login).
 */
import { hostname, userInfo } from 'node:os';
import { text } from 'node:stream/consumers';
import { loadConfig } from '../config/config.js';
import { DuplicateUserError } from '../storage/accounts.js';
import { openStorage } from '../storage/open.js';
import { createAccount, resetPassword } from './accounts/accounts.js';
import { passwordProblem } from './accounts/passwords.js';
import { parseRole, ROLE_NAMES } from './accounts/roles.js';

const USAGE = `用法：
  npm run admin -- add-user 名字 --role 管理员|编辑|查看 [--password-stdin]
  npm run admin -- reset-password 名字
  npm run admin -- list-users`;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const [command, name] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] === '--role'));
const config = loadConfig();
const storage = await openStorage({ dbPath: config.dbPath });
const actor = `命令行 ${userInfo().username}@${hostname()}`;
const audit = (action: 'user_create' | 'user_update', target: string, detail: Record<string, unknown>) =>
  storage.audit.record({ actor, role: null, via: 'cli', ip: 'shell', action, target, detail });

try {
  if (command === 'add-user') {
    if (!name) fail(USAGE);
    const role = parseRole(arg('role'));
    if (!role) fail(`--role 必须是 管理员、编辑 或 查看\n${USAGE}`);
    let password: string | undefined;
    if (process.argv.includes('--password-stdin')) {
      password = (await text(process.stdin)).replace(/\r?\n$/, '');
      const problem = passwordProblem(password, name);
      if (problem) fail(problem);
    }
    try {
      const created = await createAccount(storage.accounts, { name, role, createdBy: actor, password });
      await audit('user_create', created.user.name, { role });
      console.log(`已创建账号“${created.user.name}”（${ROLE_NAMES[role]}）。`);
      if (!password) console.log(`临时密码：${created.password}\n请当面交给本人；首次登录后必须改成自己的密码。此密码不会再次显示。`);
    } catch (err) {
      fail(err instanceof DuplicateUserError || err instanceof Error ? err.message : String(err));
    }
  } else if (command === 'reset-password') {
    const user = name ? await storage.accounts.byName(name) : undefined;
    if (!user) fail(`没有账号“${name ?? ''}”\n${USAGE}`);
    const password = await resetPassword(storage.accounts, user.id);
    if (user.disabled) await storage.accounts.update(user.id, { disabled: false });
    await audit('user_update', user.name, { passwordReset: true, ...(user.disabled ? { disabled: { before: true, after: false } } : {}) });
    console.log(`账号“${user.name}”的临时密码：${password}\n首次登录后必须修改。此密码不会再次显示。`);
  } else if (command === 'list-users') {
    console.table((await storage.accounts.list()).map((u) => ({ 账号: u.name, 角色: ROLE_NAMES[u.role], 状态: u.disabled ? '已停用' : u.mustChangePassword ? '待改密码' : '正常', 最近登录: u.lastLoginAt ?? '', 创建者: u.createdBy })));
  } else {
    fail(USAGE);
  }
} finally {
  await storage.close();
}
