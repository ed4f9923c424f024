/**
 * Admin pages: the dashboard, the demand signals, one signal, exports, login.
 * Everything a citizen wrote goes through `html` escaping.
 */
import type { Engine } from '../engine/engine.js';
import { formatProblem } from '../engine/engine.js';
import { periods, SIGNAL_STATUSES } from '../storage/reports.js';
import type { ChannelCount, DailyCount, ItemFeedback, LogHealth, PeriodSummary, Reports, SignalCorrection, SignalRow, SignalStatus } from '../storage/types.js';
import { can } from './accounts/roles.js';
import type { Actor } from './auth.js';
import { trendChart } from './charts.js';
import { correctionsSection, signalName } from './corrections.js';
import { teachSection } from './teach.js';
import { csrfField, html, page, raw, type Html } from './html.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const time = (s: string) => s.replace('T', ' ').slice(0, 16);

/** Whether the bot now answers a signal's examples (an alias was added since). */
export function coverage(engine: Engine, signal: SignalRow): { covered: boolean; answer?: string } {
  // A 答非所问 signal's questions are answered by definition: the answer did not help.
  if (signal.kind === 'unhelpful') return { covered: false };
  const example = signal.examples[0];
  if (!example) return { covered: false };
  const { reply } = engine.preview(example);
  const covered = reply.kind === 'answer' && reply.score >= engine.params.decision.answer;
  return { covered, answer: reply.item?.title };
}

function trend(s: SignalRow): Html {
  const arrow = s.last7 > s.prev7 ? '↑' : s.last7 < s.prev7 ? '↓' : '→';
  return html`<span class="trend" title="近 7 天 ${s.last7} 次，之前 7 天 ${s.prev7} 次">${arrow} ${s.last7}/${s.prev7}</span>`;
}

/** 答非所问 signals name the item whose answer did not help. */
function kindBadge(engine: Engine, s: SignalRow): Html {
  if (s.kind !== 'unhelpful') return html``;
  const title = (s.itemId && engine.brain.items.get(s.itemId)?.title) ?? s.itemId ?? '';
  return html`<span class="status status-unhelpful" title="这些问题得到了“${title}”的答复，群众说没用">答非所问 · ${title}</span> `;
}

/** Each item's verdicts: helpful rate and the questions most often found unhelpful. */
export function feedbackTable(engine: Engine, rows: ItemFeedback[]): Html {
  if (!rows.length) return html`<p class="empty">暂无评价。群众在网页上点“有用 / 没用”，或在微信里回答后说“没用”“答非所问”，就会记在这里。</p>`;
  const title = (id: string) => engine.brain.items.get(id)?.title ?? id;
  return html`<table class="feedback"><thead><tr><th>事项</th><th>有用</th><th>没用</th><th>有用率</th><th>最常说没用的问题</th></tr></thead><tbody>
${rows.map(
  (r) => html`<tr data-item="${r.itemId}"><td>${title(r.itemId)}</td><td class="num">${r.helpful}</td><td class="num">${r.unhelpful}</td><td class="num">${pct(r.helpfulRate)}</td>
<td><ul class="examples">${r.worst.map((w) => html`<li>${w.question}${w.count > 1 ? html`（${w.count} 次）` : ''}</li>`)}</ul></td></tr>`,
)}</tbody></table>`;
}

function statusBadge(status: SignalStatus): Html {
  return html`<span class="status status-${status}">${SIGNAL_STATUSES[status]}</span>`;
}

export function signalTable(engine: Engine, signals: SignalRow[]): Html {
  if (!signals.length) return html`<p class="empty">暂无群众需求信号。</p>`;
  return html`<table class="signals"><thead><tr><th>次数</th><th>群众问的是</th><th>趋势（7天/前7天）</th><th>首次 / 最近</th><th>状态</th><th>例句</th></tr></thead><tbody>
${signals.map((s) => {
  const c = coverage(engine, s);
  return html`<tr data-signal="${s.id}">
<td class="num">${s.count}</td>
<td>${kindBadge(engine, s)}<a href="/admin/signals/${s.id}">${signalName(s)}</a>${c.covered ? html` <span class="covered" title="现在回答为：${c.answer ?? ''}">已覆盖</span>` : ''}</td>
<td>${trend(s)}</td>
<td class="when">${time(s.firstSeen)}<br>${time(s.lastSeen)}</td>
<td>${statusBadge(s.status)}${s.note ? html`<div class="note">${s.note}</div>` : ''}</td>
<td><ul class="examples">${s.examples.slice(0, 3).map((e) => html`<li>${e}</li>`)}</ul></td>
</tr>`;
})}
</tbody></table>`;
}

export interface DashboardData {
  periods: PeriodSummary[];
  channels: ChannelCount[];
  daily: DailyCount[];
  signals: SignalRow[];
  items: { itemId: string; count: number }[];
  fields: { field: string; count: number }[];
  feedback: ItemFeedback[];
  health: LogHealth;
}

export async function dashboardData(reports: Reports, health: LogHealth, now = new Date()): Promise<DashboardData> {
  const d30 = new Date(now.getTime() - 30 * 86_400_000);
  const [p, channels, daily, signals, items, fields, feedback] = await Promise.all([
    periods(reports, now),
    reports.byChannel(d30),
    reports.daily(30, now),
    reports.signals({ limit: 15, status: ['new', 'seen'] }, now),
    reports.topItems(d30),
    reports.topFields(d30),
    reports.itemFeedback(d30),
  ]);
  return { periods: p, channels, daily, signals, items, fields, feedback, health };
}

export function dashboardPage(engine: Engine, data: DashboardData, actor: Actor, flash?: string): string {
  const brain = engine.brain;
  const reload = engine.lastReload;
  const errors = reload.problems.filter((p) => p.severity === 'error');
  const unfilled = brain.knowledge.offices.unfilled();
  const title = (id: string) => brain.items.get(id)?.title ?? id;
  return page(
    '概览',
    html`${flash ? html`<p class="flash" role="status">${flash}</p>` : ''}
${engine.servingFrom
  ? html`<div class="error" role="alert"><p><strong>知识库文件夹有错误，启动时无法加载。</strong>群众现在得到的是上次正确的版本 ${engine.servingFrom}。请按下方“知识库状态”里的文件和行号修改，保存后会自动重新加载。</p></div>`
  : ''}
<h1>概览</h1>
<section class="cards">
${data.periods.map((p) => html`<div class="card"><h2>${p.label}</h2><p class="big">${p.messages}</p><p>条消息，其中问题 ${p.questions} 个</p><p>回答率 <strong>${pct(p.answerRate)}</strong>（回答 ${p.answered} · 追问 ${p.clarified} · 未能回答 ${p.fellBack}）</p></div>`)}
</section>
<section><h2>每日趋势（近 30 天）</h2>${raw(trendChart(data.daily))}</section>
<section><h2>群众需求信号（未处理）</h2>
<p class="hint">群众问了、机器人没答上来（或答得没把握）的问题，按意思归并，以最有代表性的一句原话命名；“答非所问”是答了但群众说没用的问题。点开可以看最接近的条目、复制别名补充到条目里，归并错了可以合并、移动、拆分。</p>
${signalTable(engine, data.signals)}
<p><a href="/admin/signals">查看全部信号 →</a></p></section>
<section id="feedback"><h2>答复评价（近 30 天）：有用率最低的事项在前</h2>
${feedbackTable(engine, data.feedback)}</section>
<section id="weekly"><h2>群众需求周报</h2>
<p>给局领导看的一页纸：本周消息量和回答率、新出现和增长的群众需求、有用率最低的事项、本周知识库的修改。</p>
<p><a class="button" href="/admin/weekly.pdf" download>下载周报（PDF）</a> <a href="/admin/weekly.html" target="_blank" rel="noopener">网页版（可打印）</a></p></section>
<section class="two">
<div><h2>问得最多的事项（近 30 天）</h2><ol>${data.items.map((i) => html`<li>${title(i.itemId)} <span class="num">${i.count}</span></li>`)}</ol></div>
<div><h2>问得最多的内容</h2><ol>${data.fields.map((f) => html`<li>${f.field} <span class="num">${f.count}</span></li>`)}</ol>
<h2>渠道（近 30 天）</h2><table><tr><th>渠道</th><th>消息</th><th>回答</th><th>未能回答</th></tr>${data.channels.map((c) => html`<tr><td>${c.channel}</td><td>${c.messages}</td><td>${c.answered}</td><td>${c.fellBack}</td></tr>`)}</table></div>
</section>
<section><h2>知识库状态</h2>
<p>条目 <strong>${brain.knowledge.items.length}</strong> 个；当前版本加载于 ${time(brain.builtAt.toISOString())}（用时 ${Math.round(brain.buildMs)} ms）。</p>
${reload.ok
  ? html`<p class="ok">最近一次加载成功。</p>`
  : html`<div class="error" role="alert"><p>最近一次修改<strong>没有生效</strong>（群众看到的仍是上一个版本）。请按文件和行号修改：</p><ul>${errors.map((p) => html`<li><code>${formatProblem(p)}</code></li>`)}</ul></div>`}
<p>本地信息占位符未填写：<strong>${unfilled.length}</strong> 项${unfilled.length ? html`（${unfilled.map((u) => u.key).join('、')}）` : ''}。</p>
${logStatus(data.health)}
${can(actor.role, 'knowledge') ? html`<form method="post" action="/admin/reload">${csrfField(actor)}<button type="submit">重新加载知识库</button></form>` : ''}
</section>`,
    { actor },
  );
}

/** The interaction log's state: loud while it cannot write, and what was lost. */
function logStatus(health: LogHealth): Html {
  const counts = html`待写入 ${health.pending} 条，写入失败 ${health.writeFailures} 次，已写入 ${health.written} 条，丢失 <strong>${health.dropped}</strong> 条。`;
  if (!health.failing && !health.dropped) return html`<p>日志：${counts}</p>`;
  const failing = health.failing
    ? html`<p>交互日志<strong>写不进数据库</strong>（自 ${time(health.failing.since)}：<code>${health.failing.error}</code>，例如磁盘已满）。记录暂存在内存中并定时重试；群众的答复不受影响。</p>`
    : '';
  const lost = health.dropped ? html`<p>内存中的暂存已满时，最早的记录被放弃：已丢失 <strong>${health.dropped}</strong> 条（指标 wenzheng_log_records_lost_total）。</p>` : '';
  return html`<div class="error" role="alert">${failing}${lost}<p>日志：${counts}</p></div>`;
}

export function signalsPage(engine: Engine, signals: SignalRow[], status: string, actor: Actor): string {
  const tabs = [['all', '全部'], ...Object.entries(SIGNAL_STATUSES)] as [string, string][];
  return page(
    '群众需求',
    html`<h1>群众需求信号</h1>
<nav class="tabs">${tabs.map(([k, label]) => html`<a href="/admin/signals?status=${k}" ${k === status ? raw('aria-current="page"') : ''}>${label}</a> `)}</nav>
${signalTable(engine, signals)}`,
    { actor },
  );
}

export function signalPage(engine: Engine, signal: SignalRow, actor: Actor, corrections: { candidates: SignalRow[]; history: SignalCorrection[]; flash?: string }): string {
  const previews = signal.examples.map((e) => ({ example: e, ...engine.preview(e) }));
  const nearest = previews[0]?.nearest ?? [];
  const suggested = nearest[0];
  const snippet = signal.examples.map((e) => `  - ${e.replace(/\s+/g, ' ')}`).join('\n');
  const c = coverage(engine, signal);
  return page(
    '需求信号',
    html`${corrections.flash ? html`<p class="flash" role="status">${corrections.flash}</p>` : ''}<p><a href="/admin/signals">← 全部信号</a></p>
<h1>${kindBadge(engine, signal)}“${signalName(signal)}”</h1>
<p>共 ${signal.count} 次；首次 ${time(signal.firstSeen)}，最近 ${time(signal.lastSeen)}；${trend(signal)}。状态：${statusBadge(signal.status)}
${c.covered ? html`<span class="covered">已覆盖：现在回答为“${c.answer ?? ''}”</span>` : ''}</p>
<section><h2>群众原话（已脱敏）</h2><ul>${signal.examples.map((e) => html`<li>${e}</li>`)}</ul></section>
<section><h2>为什么没答上来：最接近的条目</h2>
<table><tr><th>条目</th><th>得分</th></tr>${nearest.map((n) => html`<tr><td>${n.title} <code>${n.id}</code></td><td>${n.score}</td></tr>`)}</table>
<p class="hint">回答门槛 ${engine.params.decision.answer}，低于 ${engine.params.decision.low} 视为答不上来。${previews.map((p) => html`<br>“${p.example}” → 现在的答复：${p.reply.kind}${p.reply.item ? html`（${p.reply.item.title}）` : ''}`)}</p></section>
<section><h2>补充到条目里</h2>
${can(actor.role, 'knowledge')
  ? html`<form method="get" action="/admin/knowledge/edit" class="alias-from-signal">
<input type="hidden" name="signal" value="${signal.id}">
<label for="alias-item">加到哪个条目</label>
<select id="alias-item" name="item">${[...nearest.map((n) => ({ id: n.id, title: n.title })), ...engine.brain.knowledge.items.filter((i) => !nearest.some((n) => n.id === i.id))].map(
      (i) => html`<option value="${i.id}">${i.title}（${i.id}）</option>`,
    )}</select>
<label for="alias-text">别名（群众的问法）</label>
<input id="alias-text" name="alias" value="${(signal.examples[0] ?? signal.key).replace(/\s+/g, ' ').slice(0, 200)}" maxlength="200">
<button type="submit">添加为别名</button>
<p class="hint">打开该条目的编辑页，别名已填好；预览确认答复变化后再发布，发布后本信号标为“已补充知识”。</p>
</form>`
  : ''}
<p>也可以手工把下面几行粘贴到${suggested ? html`“${suggested.title}”（<code>knowledge/…/${suggested.id}.md</code>）` : '某个条目'}的 <code>aliases:</code> 下面；如果知识库里还没有这个事项，在“知识库”页新建条目。</p>
<pre id="snippet">${snippet}</pre><button type="button" class="copy" data-copy="snippet">复制别名</button></section>
${can(actor.role, 'signals')
  ? html`<section><h2>处理</h2>
<form method="post" action="/admin/signals/${signal.id}">
${csrfField(actor)}
<fieldset><legend>状态</legend>${Object.entries(SIGNAL_STATUSES).map(([k, label]) => html`<label><input type="radio" name="status" value="${k}" ${k === signal.status ? raw('checked') : ''}> ${label}</label> `)}</fieldset>
<label for="note">备注</label><textarea id="note" name="note" rows="3" maxlength="1000">${signal.note ?? ''}</textarea>
<button type="submit">保存</button></form></section>`
  : ''}
${correctionsSection(signal, corrections.candidates, corrections.history, actor)}
${teachSection(engine, signal, actor)}`,
    { actor },
  );
}

export function exportPage(actor: Actor): string {
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const form = (action: string, label: string) =>
    html`<form method="get" action="${action}" class="export"><label>从 <input type="date" name="from" value="${monthAgo}"></label> <label>到 <input type="date" name="to" value="${today}"></label> <button type="submit">${label}</button></form>`;
  return page(
    '导出',
    html`<h1>导出（CSV，Excel 可直接打开）</h1>
<h2>群众需求信号</h2>${form('/admin/export/signals.csv', '导出信号 CSV')}
${can(actor.role, 'export-interactions') ? html`<h2>问答记录</h2>${form('/admin/export/interactions.csv', '导出问答记录 CSV')}` : ''}
<p class="hint">每次导出都记入审计。脚本可以用 <code>Authorization: Bearer &lt;ADMIN_TOKEN&gt;</code> 读取 JSON：<code>/admin/api/summary</code>、<code>/admin/api/signals</code>、<code>/admin/api/interactions?from=…&amp;to=…</code>、<code>/admin/api/audit</code>。</p>`,
    { actor },
  );
}
