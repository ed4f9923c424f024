/**
 * Account pages: login, change password, the accounts list (管理员), the one-time display of
 * a temporary password, and "not for your role".
 */
import type { Role, StaffUser } from '../../storage/accounts.js';
import type { Actor } from '../auth.js';
import { csrfField, html, page, raw } from '../html.js';
import { MIN_PASSWORD_KINDS, MIN_PASSWORD_LENGTH } from './passwords.js';
import { ROLE_NAMES } from './roles.js';

const time = (s: string | null) => (s ? s.replace('T', ' ').slice(0, 16) : '—');

export function loginPage(opts: { error?: string; name?: string; noAccounts?: boolean } = {}): string {
  return page(
    '登录',
    html`<section class="login">
<h1>问政管理后台</h1>
${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
${opts.noAccounts
  ? html`<p class="hint">还没有任何账号。请在服务器上运行 <code>npm run admin -- add-user 名字 --role 管理员</code> 创建第一个管理员账号。</p>`
  : ''}
<form method="post" action="/admin/login">
<label for="name">账号</label>
<input id="name" name="name" autocomplete="username" required autofocus value="${opts.name ?? ''}">
<label for="password">密码</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">登录</button>
</form></section>`,
  );
}

export function passwordPage(actor: Actor, opts: { error?: string; done?: boolean } = {}): string {
  return page(
    '修改密码',
    html`<h1>修改密码</h1>
${actor.mustChangePassword ? html`<p class="flash" role="status">这是管理员设置的临时密码，请先设置您自己的密码再继续使用。</p>` : ''}
${opts.done ? html`<p class="flash" role="status">密码已修改。</p>` : ''}
${opts.error ? html`<p class="error" role="alert" id="password-error">${opts.error}</p>` : ''}
<form method="post" action="/admin/password" class="stack">
${csrfField(actor)}
<label for="current">当前密码</label><input id="current" name="current" type="password" autocomplete="current-password" required>
<label for="next">新密码</label><input id="next" name="next" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" aria-describedby="rule">
<label for="confirm">再输入一次新密码</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
<p class="hint" id="rule">至少 ${MIN_PASSWORD_LENGTH} 个字符，包含小写字母、大写字母、数字、其他符号中的至少 ${MIN_PASSWORD_KINDS} 类，不能包含账号名。</p>
<button type="submit">保存新密码</button>
</form>`,
    { actor },
  );
}

function roleSelect(name: string, selected: Role, id?: string) {
  return html`<select name="${name}" ${id ? raw(`id="${id}"`) : ''}>${(Object.entries(ROLE_NAMES) as [Role, string][]).map(([r, label]) => html`<option value="${r}" ${r === selected ? raw('selected') : ''}>${label}</option>`)}</select>`;
}

export function usersPage(actor: Actor, users: StaffUser[], opts: { error?: string; flash?: string } = {}): string {
  return page(
    '账号',
    html`<h1>账号与角色</h1>
${opts.flash ? html`<p class="flash" role="status">${opts.flash}</p>` : ''}
${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
<p class="hint">管理员：账号、设置和一切；编辑：知识库和群众需求；查看：只看概览和报表。新账号和重置后的账号用临时密码登录，登录后必须改成自己的密码。</p>
<table class="users"><thead><tr><th>账号</th><th>角色</th><th>状态</th><th>最近登录</th><th>创建</th><th>操作</th></tr></thead><tbody>
${users.map(
  (u) => html`<tr data-user="${u.name}"><td>${u.name}</td><td>${ROLE_NAMES[u.role]}</td><td>${u.disabled ? '已停用' : u.mustChangePassword ? '待改密码' : '正常'}</td><td>${time(u.lastLoginAt)}</td><td>${time(u.createdAt)} ${u.createdBy}</td>
<td><form method="post" action="/admin/users/${u.id}" class="inline">${csrfField(actor)}<label class="sr">角色 ${roleSelect('role', u.role)}</label>
<label><input type="checkbox" name="disabled" value="1" ${u.disabled ? raw('checked') : ''}> 停用</label>
<label><input type="checkbox" name="reset" value="1"> 重置密码</label>
<button type="submit">保存</button></form></td></tr>`,
)}
</tbody></table>
<h2>新建账号</h2>
<form method="post" action="/admin/users" class="stack">
${csrfField(actor)}
<label for="new-name">账号名</label><input id="new-name" name="name" required maxlength="64" pattern="[^\\s]{2,64}" title="2–64 个字符，不含空格">
<label for="new-role">角色</label>${roleSelect('role', 'editor', 'new-role')}
<button type="submit">新建账号</button>
</form>`,
    { actor },
  );
}

/** Shown once, to the 管理员 who created or reset the account: never stored in clear. */
export function temporaryPasswordPage(actor: Actor, name: string, role: Role, password: string): string {
  return page(
    '临时密码',
    html`<h1>账号“${name}”（${ROLE_NAMES[role]}）的临时密码</h1>
<p>请把临时密码当面或通过内部渠道告诉本人；本页关闭后无法再次查看（系统只保存密码的哈希值）。本人首次登录后必须改成自己的密码。</p>
<p class="big"><code id="temporary-password">${password}</code></p>
<p><a href="/admin/users">← 返回账号列表</a></p>`,
    { actor },
  );
}

export function forbiddenPage(actor: Actor): string {
  return page('没有权限', html`<h1>没有权限</h1><p>您的角色（${ROLE_NAMES[actor.role]}）不能进行这个操作。如需要，请联系管理员。</p><p><a href="/admin">← 返回概览</a></p>`, { actor });
}
