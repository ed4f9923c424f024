/**
 * Server-rendered HTML with escaping by default: every interpolated value is escaped
 * unless it is itself the result of `html` (or `raw`). Citizens' messages are shown on
 * admin pages, so a `<script>` in a message must arrive as text.
 */
import type { Actor } from './auth.js';
import { can, ROLE_NAMES, type Permission } from './accounts/roles.js';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escape(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escape(v);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));
}

/** Trusted markup (our own SVG, already-escaped fragments). */
export function raw(s: string): Html {
  return new Html(s);
}

/** The header's links, each shown only to roles that may use it. */
const NAV: { href: string; label: string; permission: Permission }[] = [
  { href: '/admin', label: '概览', permission: 'read' },
  { href: '/admin/signals', label: '群众需求', permission: 'read' },
  { href: '/admin/knowledge', label: '知识库', permission: 'read' },
  { href: '/admin/export', label: '导出', permission: 'export-signals' },
  { href: '/admin/audit', label: '审计', permission: 'audit' },
  { href: '/admin/users', label: '账号', permission: 'users' },
];

/** A whole admin page; with an actor, the header names who is logged in and their role. */
export function page(title: string, body: Html, opts: { actor?: Actor } = {}): string {
  const actor = opts.actor;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 问政管理后台</title>
<link rel="stylesheet" href="/admin/static/admin.css">
</head>
<body>
${actor
  ? html`<header class="top"><strong>问政管理后台</strong>
<nav>${actor.mustChangePassword ? '' : NAV.filter((n) => can(actor.role, n.permission)).map((n) => html`<a href="${n.href}">${n.label}</a> `)}</nav>
<span class="who" data-user="${actor.name}" data-role="${actor.role}">当前用户：<strong>${actor.name}</strong>（${ROLE_NAMES[actor.role]}）</span>
<a href="/admin/password">修改密码</a>
<form method="post" action="/admin/logout" class="inline"><input type="hidden" name="csrf" value="${actor.csrf}"><button>退出登录</button></form></header>`
  : ''}
<main>${body}</main>
<script src="/admin/static/admin.js" defer></script>
</body>
</html>`.value;
}

/** The hidden CSRF field every form carries. */
export function csrfField(actor: Actor): Html {
  return html`<input type="hidden" name="csrf" value="${actor.csrf}">`;
}
