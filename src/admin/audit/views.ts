/**
 * The audit page (管理员): filters by time, person, action and target; every entry with who,
 * in which role and how, when, from where, what, on what, and its details (a knowledge
 * change's before and after).
 */
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditQuery } from '../../storage/audit.js';
import { ROLE_NAMES } from '../accounts/roles.js';
import type { Actor } from '../auth.js';
import { html, page, raw, type Html } from '../html.js';

export const VIA_NAMES = { session: '账号登录', token: 'API 令牌', cli: '命令行', anonymous: '未登录' } as const;

const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : '');
const time = (s: string) => s.replace('T', ' ').slice(0, 19);

/** One line of what an entry's details say, for the table and the CSV. */
export function detailSummary(e: AuditEntry): string {
  const d = e.detail as Record<string, unknown>;
  if (typeof d.summary === 'string') return d.summary;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(d)) {
    if (k === 'changes' || k === 'fields') continue;
    parts.push(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return parts.join('；');
}

function changesTable(e: AuditEntry): Html | '' {
  const fields = (e.detail as { fields?: { field: string; before: string; after: string }[] }).fields;
  if (!Array.isArray(fields) || !fields.length) return '';
  return html`<details><summary>改动 ${fields.length} 处（修改前 / 修改后）</summary><table class="changes"><tr><th>字段</th><th>修改前</th><th>修改后</th></tr>${fields.map(
    (f) => html`<tr><td>${f.field}</td><td><pre>${f.before}</pre></td><td><pre>${f.after}</pre></td></tr>`,
  )}</table></details>`;
}

export function auditPage(actor: Actor, entries: AuditEntry[], q: AuditQuery, query: string, limit: number): string {
  const last = entries[entries.length - 1];
  return page(
    '审计',
    html`<h1>审计记录</h1>
<p class="hint">每一项管理操作（登录、登录失败、知识修改的前后内容、发布、回滚、需求信号处理、导出、账号变更）都记在这里：谁、什么角色、何时、从哪里。记录只增不改，至少保留 180 天。</p>
<form method="get" action="/admin/audit" class="filters">
<label>从 <input type="date" name="from" value="${day(q.from)}"></label>
<label>到 <input type="date" name="to" value="${q.to ? day(new Date(q.to.getTime() - 1)) : ''}"></label>
<label>人员 <input name="actor" value="${q.actor ?? ''}" size="10"></label>
<label>操作 <select name="action"><option value="">全部</option>${(Object.entries(AUDIT_ACTIONS) as [AuditAction, string][]).map(
      ([k, label]) => html`<option value="${k}" ${k === q.action ? raw('selected') : ''}>${label}</option>`,
    )}</select></label>
<label>对象 <input name="target" value="${q.target ?? ''}" size="12"></label>
<button type="submit">筛选</button>
<a href="/admin/export/audit.csv${query ? `?${query}` : ''}" class="button" download>导出 CSV</a>
</form>
<table class="audit"><thead><tr><th>时间（UTC）</th><th>人员</th><th>角色</th><th>方式</th><th>来源地址</th><th>操作</th><th>对象</th><th>详情</th></tr></thead><tbody>
${entries.map(
  (e) => html`<tr data-action="${e.action}" data-actor="${e.actor}"><td class="when">${time(e.at)}</td><td>${e.actor}</td><td>${e.role ? ROLE_NAMES[e.role] : '—'}</td><td>${VIA_NAMES[e.via]}</td><td>${e.ip}</td><td>${AUDIT_ACTIONS[e.action] ?? e.action}</td><td>${e.target}</td><td>${detailSummary(e)}${changesTable(e)}</td></tr>`,
)}
</tbody></table>
${!entries.length ? html`<p class="empty">没有符合条件的记录。</p>` : ''}
${last && entries.length >= limit ? html`<p><a href="/admin/audit?${query ? `${query}&` : ''}before=${last.id}">更早的记录 →</a></p>` : ''}`,
    { actor },
  );
}
