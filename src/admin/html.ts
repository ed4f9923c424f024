/**
 * Server-rendered HTML with escaping by default: every interpolated value is escaped
 * unless it is itself the result of `html` (or `raw`). Citizens' messages are shown on
 * admin pages, so a `<script>` in a message must arrive as text.
 */
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

export function page(title: string, body: Html, opts: { nav?: boolean; csrf?: string } = {}): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 问政管理后台</title>
<link rel="stylesheet" href="/admin/static/admin.css">
</head>
<body>
${opts.nav
  ? html`<header class="top"><strong>问政管理后台</strong>
<nav><a href="/admin">概览</a> <a href="/admin/signals">群众需求</a> <a href="/admin/export">导出</a></nav>
<form method="post" action="/admin/logout" class="inline"><input type="hidden" name="csrf" value="${opts.csrf ?? ''}"><button>退出登录</button></form></header>`
  : ''}
<main>${body}</main>
<script src="/admin/static/admin.js" defer></script>
</body>
</html>`.value;
}
