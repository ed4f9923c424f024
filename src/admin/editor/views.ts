/**
 * Knowledge editor pages: the items, one item's form (title, category, summary, aliases,
 * keywords, 依据, date and each section, never raw YAML) with problems shown next to their
 * field, the preview (the file's diff, questions answered by the published knowledge and by
 * the draft side by side, the dev question set's changed answers), a conflict with another
 * editor's publish, and an item's history with diffs and rollback. 查看 sees the form
 * read-only, without preview, publish or rollback buttons.
 */
import type { KnowledgeVersion } from '../../knowledge/versions/store.js';
import { CATEGORIES, type KnowledgeItem } from '../../knowledge/types.js';
import { can } from '../accounts/roles.js';
import type { Actor } from '../auth.js';
import { csrfField, html, page, raw, type Html } from '../html.js';
import { diffHtml } from './diff.js';
import { FIELD_LABELS, sectionField, sectionsFor, type ItemDraft } from './draft.js';
import type { FieldProblems, PreviewResult } from './editor.js';
import type { Answer } from './question-set.js';

const time = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16);

export function itemsPage(actor: Actor, items: KnowledgeItem[], flash?: string): string {
  const byCategory = CATEGORIES.map((c) => ({ c, items: items.filter((i) => i.category === c) })).filter((g) => g.items.length);
  return page(
    '知识库',
    html`<h1>知识库</h1>
${flash ? html`<p class="flash" role="status">${flash}</p>` : ''}
${can(actor.role, 'knowledge') ? html`<p><a class="button" href="/admin/knowledge/new">新建条目</a></p>` : ''}
${byCategory.map(
  (g) => html`<h2>${g.c}</h2><table class="items"><tr><th>事项</th><th>编号</th><th>别名</th><th>核实日期</th><th></th></tr>${g.items.map(
    (i) => html`<tr data-item="${i.id}"><td><a href="/admin/knowledge/${i.id}">${i.title}</a></td><td><code>${i.id}</code></td><td class="num">${i.aliases.length}</td><td>${i.updated}</td><td><a href="/admin/knowledge/${i.id}/history">历史</a></td></tr>`,
  )}</table>`,
)}`,
    { actor },
  );
}

export interface EditState {
  /** The item's id, or null for a new item. */
  id: string | null;
  draft: ItemDraft;
  base: string;
  errors?: FieldProblems;
  warnings?: FieldProblems;
  preview?: PreviewResult;
  /** The file as published and as the draft would write it (for the preview's diff). */
  diff?: { before: string; after: string };
  conflict?: { by: KnowledgeVersion | null; before: string; after: string };
  questions: string;
  reason: string;
  signal?: number;
  flash?: string;
}

function problems(field: string, state: EditState): Html | '' {
  const errors = state.errors?.get(field) ?? [];
  const warnings = state.warnings?.get(field) ?? [];
  if (!errors.length && !warnings.length) return '';
  return html`${errors.map((m) => html`<p class="field-error" role="alert" data-field="${field}">${m}</p>`)}${warnings.map((m) => html`<p class="field-warning" data-field="${field}">${m}</p>`)}`;
}

function fieldId(field: string): string {
  return `f-${Buffer.from(field).toString('hex')}`;
}

function input(field: string, state: EditState, value: string, readonly: boolean, opts: { rows?: number; type?: string; label?: string } = {}): Html {
  const id = fieldId(field);
  const invalid = state.errors?.has(field) ? raw('aria-invalid="true"') : '';
  const ro = readonly ? raw('readonly') : '';
  const label = opts.label ?? FIELD_LABELS[field] ?? field;
  return html`<div class="field${state.errors?.has(field) ? ' invalid' : ''}"><label for="${id}">${label}</label>
${opts.rows
  ? html`<textarea id="${id}" name="${field}" rows="${opts.rows}" ${invalid} ${ro}>${value}</textarea>`
  : html`<input id="${id}" name="${field}" type="${opts.type ?? 'text'}" value="${value}" ${invalid} ${ro}>`}
${problems(field, state)}</div>`;
}

function answerCell(a: Answer): Html {
  return html`<div class="answer kind-${a.kind}"><strong>${a.item ?? a.kind}</strong>${a.field ? html` · ${a.field}` : ''} <span class="num">${a.score}</span><div class="text">${a.text.slice(0, 240)}${a.text.length > 240 ? '…' : ''}</div></div>`;
}

const CHANGE_NAMES = { better: '变好', worse: '变差', changed: '有变化' } as const;

function previewSection(state: EditState): Html | '' {
  const p = state.preview;
  if (!p) return '';
  if (p.error) return html`<section class="preview" id="preview"><h2>预览</h2><p class="error" role="alert">${p.error}</p></section>`;
  if (!p.build) return '';
  if (!p.build.ok) return html`<section class="preview" id="preview"><h2>预览</h2><p class="error" role="alert">草稿不能生效：请按上面标出的问题修改。</p></section>`;
  const s = p.set;
  return html`<section class="preview" id="preview"><h2>预览：草稿与现在的答复</h2>
<p class="hint">草稿在单独的进程里构建（用时 ${Math.round(p.build.ms)} ms），不影响群众现在收到的答复。</p>
${state.diff ? html`<h3>文件改动</h3>${diffHtml(state.diff.before, state.diff.after, '文件改动')}` : ''}
${p.answers?.length
  ? html`<h3>试问</h3><table class="answers"><thead><tr><th>问题</th><th>现在的答复</th><th>草稿的答复</th></tr></thead><tbody>${p.answers.map(
      (a) => html`<tr class="${a.live.outcome !== a.draft.outcome || a.live.field !== a.draft.field ? 'changed' : 'same'}"><td>${a.live.q}</td><td>${answerCell(a.live)}</td><td>${answerCell(a.draft)}</td></tr>`,
    )}</tbody></table>`
  : ''}
${s
  ? html`<h3>开发问题集</h3><p class="set-summary">开发问题集共 ${s.turns} 问：现在答对 ${s.liveRight}，草稿答对 ${s.draftRight}；答复有变化的 <strong>${s.changed.length}</strong> 问（变好 ${s.changed.filter((c) => c.change === 'better').length}，变差 ${s.changed.filter((c) => c.change === 'worse').length}）。</p>
${s.changed.length
  ? html`<table class="set-changes"><thead><tr><th></th><th>问题</th><th>应答</th><th>现在</th><th>草稿</th></tr></thead><tbody>${s.changed.map(
      (c) => html`<tr class="change-${c.change}"><td>${CHANGE_NAMES[c.change]}</td><td>${c.live.q}</td><td><code>${c.live.expect}</code>${c.live.expectField ? html` · ${c.live.expectField}` : ''}</td><td>${c.live.item ?? c.live.kind}${c.live.field ? html` · ${c.live.field}` : ''}</td><td>${c.draft.item ?? c.draft.kind}${c.draft.field ? html` · ${c.draft.field}` : ''}</td></tr>`,
    )}</tbody></table>`
  : ''}`
  : ''}
</section>`;
}

export function editPage(actor: Actor, state: EditState): string {
  const d = state.draft;
  const readonly = !can(actor.role, 'knowledge');
  const action = state.id ? `/admin/knowledge/${state.id}` : '/admin/knowledge/new';
  const general = [...(state.errors?.get('') ?? [])];
  return page(
    state.id ? `编辑 ${d.title}` : '新建条目',
    html`<p><a href="/admin/knowledge">← 知识库</a>${state.id ? html` · <a href="/admin/knowledge/${state.id}/history">历史与回滚</a>` : ''}</p>
<h1>${state.id ? (readonly ? d.title || state.id : html`编辑：${d.title || state.id}`) : '新建条目'}</h1>
${state.flash ? html`<p class="flash" role="status">${state.flash}</p>` : ''}
${state.conflict
  ? html`<div class="conflict error" role="alert"><p><strong>这个条目在您打开之后已被${state.conflict.by ? html`“${state.conflict.by.author}”于 ${time(state.conflict.by.at)}` : '别人'}修改并发布</strong>，您的发布没有执行。下面是对方的改动；您的修改仍保留在表单里，请对照后再决定是否发布（再次发布会以表单内容为准）。</p>${diffHtml(state.conflict.before, state.conflict.after, '对方的改动')}</div>`
  : ''}
${general.length ? html`<div class="error" role="alert"><p>不能发布：</p><ul>${general.map((m) => html`<li>${m}</li>`)}</ul></div>` : ''}
${state.errors?.size && !general.length ? html`<p class="error" role="alert">有 ${[...state.errors.values()].flat().length} 处问题，已在对应字段下标出。</p>` : ''}
<form method="post" action="${action}/preview" class="editor" novalidate>
${csrfField(actor)}
<input type="hidden" name="base" value="${state.base}">
${state.signal ? html`<input type="hidden" name="signal" value="${state.signal}">` : ''}
${state.id ? html`<input type="hidden" name="id" value="${d.id}">` : input('id', state, d.id, readonly)}
${input('title', state, d.title, readonly)}
<div class="field${state.errors?.has('category') ? ' invalid' : ''}"><label for="${fieldId('category')}">${FIELD_LABELS.category}</label>
<select id="${fieldId('category')}" name="category" ${readonly ? raw('disabled') : ''}>${CATEGORIES.map((c) => html`<option ${c === d.category ? raw('selected') : ''}>${c}</option>`)}</select>${problems('category', state)}</div>
${input('summary', state, d.summary, readonly, { rows: 3 })}
${input('aliases', state, d.aliases.join('\n'), readonly, { rows: Math.min(20, d.aliases.length + 2) })}
${input('keywords', state, d.keywords.join('\n'), readonly, { rows: Math.min(10, d.keywords.length + 1) })}
${input('basis', state, d.basis.join('\n'), readonly, { rows: Math.min(10, d.basis.length + 1) })}
${input('updated', state, d.updated, readonly, { type: 'date' })}
${d.category === '年度报告' ? input('year', state, d.year, readonly) : ''}
${sectionsFor(d.category).map((name) => input(sectionField(name), state, d.sections[name] ?? '', readonly, { rows: 6, label: `## ${name}` }))}
${readonly
  ? ''
  : html`<fieldset class="try"><legend>预览</legend>
<label for="questions">试问的问题（每行一个，草稿和现在的答复并排显示）</label>
<textarea id="questions" name="questions" rows="3">${state.questions}</textarea>
<button type="submit" name="go" value="preview">预览</button></fieldset>
<fieldset class="publish"><legend>发布</legend>
<label for="reason">修改说明（记入历史和审计）</label><input id="reason" name="reason" value="${state.reason}" maxlength="200">
<button type="submit" formaction="${action}/publish" name="go" value="publish" class="primary">发布</button></fieldset>`}
</form>
${previewSection(state)}`,
    { actor },
  );
}

export interface HistoryEntry {
  version: KnowledgeVersion;
  change: string;
  text: string;
  previous: string;
}

export function historyPage(actor: Actor, id: string, title: string, entries: HistoryEntry[], base: string, currentHash: (t: string) => string, flash?: string): string {
  const mayRollback = can(actor.role, 'knowledge');
  return page(
    `历史 ${title}`,
    html`<p><a href="/admin/knowledge/${id}">← ${title}</a></p><h1>“${title}”的历史</h1>
${flash ? html`<p class="flash" role="status">${flash}</p>` : ''}
${!entries.length ? html`<p class="empty">还没有发布记录（在这里发布或回滚后才有）。</p>` : ''}
${entries.map((e) => {
  const current = currentHash(e.text) === base;
  return html`<section class="version" data-version="${e.version.id}"><h2>${e.version.id} · ${time(e.version.at)} · ${e.version.author}${current ? html` <span class="current">当前版本</span>` : ''}</h2>
<p>${e.version.reason}（${e.change === 'added' ? '新建' : e.change === 'removed' ? '删除' : '修改'}）</p>
${diffHtml(e.previous, e.text, `${e.version.id} 的改动`)}
${mayRollback && !current && e.change !== 'removed'
  ? html`<form method="post" action="/admin/knowledge/${id}/rollback">${csrfField(actor)}<input type="hidden" name="version" value="${e.version.id}"><input type="hidden" name="base" value="${base}"><button type="submit">回滚到这个版本</button></form>`
  : ''}</section>`;
})}`,
    { actor },
  );
}
