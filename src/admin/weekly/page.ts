/**
 * The weekly report (群众需求周报) as one printable HTML page: A4, Chinese fonts, no
 * scripts, everything inline (the PDF is this page printed by Chromium, pdf.ts). What it
 * shows comes from src/signals/weekly/data.ts; every citizen's word in it was masked
 * before it was stored, and is escaped here.
 */
import type { WeeklyReport } from '../../signals/weekly/data.js';
import { trendChart } from '../charts.js';
import { html, raw, type Html } from '../html.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const day = (d: Date) => d.toISOString().slice(0, 10);
const CHANGES = { added: '新增', changed: '修改', removed: '删除' } as const;

function delta(now: number, before: number, asRate = false): Html {
  const d = now - before;
  if (Math.abs(d) < (asRate ? 0.0005 : 0.5)) return html`<span class="same">持平</span>`;
  const text = asRate ? `${(Math.abs(d) * 100).toFixed(1)} 个百分点` : String(Math.abs(d));
  return html`<span class="${d > 0 ? 'up' : 'down'}">${d > 0 ? '↑' : '↓'} ${text}</span>`;
}

function demands(lines: WeeklyReport['newDemands'], empty: string): Html {
  if (!lines.length) return html`<p class="empty">${empty}</p>`;
  return html`<table><thead><tr><th class="rank">#</th><th>群众问的是</th><th class="num">本周</th><th class="num">上周</th><th class="num">累计</th><th>群众原话（已脱敏）</th></tr></thead><tbody>
${lines.map((d, i) => html`<tr><td class="rank">${i + 1}</td><td class="label">${d.label}</td><td class="num">${d.thisWeek}</td><td class="num">${d.lastWeek}</td><td class="num">${d.count}</td><td><ul>${d.examples.map((e) => html`<li>${e}</li>`)}</ul></td></tr>`)}
</tbody></table>`;
}

export function weeklyPage(r: WeeklyReport, bureau: string): string {
  const { week, previous } = r;
  const k = r.knowledge;
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>群众需求周报 ${day(r.from)} 至 ${day(r.to)}</title>
<style>
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { margin: 0; font: 11pt/1.55 "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1a1a1a; }
h1 { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 20pt; text-align: center; margin: 0 0 2mm; color: #a50f0f; letter-spacing: 0.1em; }
.sub { text-align: center; color: #555; margin: 0 0 5mm; border-bottom: 2px solid #a50f0f; padding-bottom: 3mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-left: 4px solid #a50f0f; padding-left: 2mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 10pt; break-inside: auto; }
tr { break-inside: avoid; }
th, td { border: 1px solid #c8c8c8; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #f3f0ea; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.rank { width: 6mm; text-align: center; }
.label { font-weight: 600; }
ul { margin: 0; padding-left: 4mm; color: #444; }
.up { color: #a50f0f; } .down { color: #1d6f42; } .same { color: #666; }
.cards { display: flex; gap: 3mm; }
.card { flex: 1; border: 1px solid #c8c8c8; border-radius: 2mm; padding: 2mm 3mm; }
.card .big { font-size: 18pt; font-weight: 700; margin: 0; }
.card p { margin: 0; }
.chart { width: 100%; height: auto; margin-top: 2mm; }
.empty, .note { color: #666; }
.foot { margin-top: 8mm; font-size: 9pt; color: #666; border-top: 1px solid #ccc; padding-top: 2mm; }
</style></head>
<body>
<h1>群众需求周报</h1>
<p class="sub">${bureau} · ${day(r.from)} 至 ${day(r.to)} · 问政助手自动生成</p>

<h2>一、总体情况</h2>
<div class="cards">
<div class="card"><p>本周消息</p><p class="big">${week.messages}</p><p>较上周 ${delta(week.messages, previous.messages)}</p></div>
<div class="card"><p>本周问题</p><p class="big">${week.questions}</p><p>较上周 ${delta(week.questions, previous.questions)}</p></div>
<div class="card"><p>回答率</p><p class="big">${pct(week.answerRate)}</p><p>较上周 ${delta(week.answerRate, previous.answerRate, true)}</p></div>
<div class="card"><p>未能回答</p><p class="big">${week.fellBack}</p><p>上周 ${previous.fellBack}</p></div>
</div>
${raw(trendChart(r.daily))}
<p class="note">近 14 天每天的问答：已回答、追问、未能回答。回答率 = 已回答 ÷（已回答 + 追问 + 未能回答）。</p>

<h2>二、本周新出现的群众需求</h2>
${demands(r.newDemands, '本周没有新出现的需求。')}

<h2>三、增长最快的群众需求</h2>
${demands(r.growing, '本周没有比上周增长的需求。')}

<h2>四、有用率最低的事项</h2>
${r.unhelpful.length
  ? html`<table><thead><tr><th>事项</th><th class="num">有用</th><th class="num">没用</th><th class="num">有用率</th><th>群众说没用的问题</th></tr></thead><tbody>
${r.unhelpful.map((u) => html`<tr><td class="label">${u.title}</td><td class="num">${u.helpful}</td><td class="num">${u.unhelpful}</td><td class="num">${pct(u.helpfulRate)}</td><td><ul>${u.worst.map((w) => html`<li>${w.question}${w.count > 1 ? `（${w.count} 次）` : ''}</li>`)}</ul></td></tr>`)}
</tbody></table>`
  : html`<p class="empty">本周没有群众评价答复。</p>`}

<h2>五、本周知识库的修改</h2>
${k.tracked
  ? k.changes.length
    ? html`<table><thead><tr><th>修改</th><th>事项 / 文件</th></tr></thead><tbody>${k.changes.map((c) => html`<tr><td>${CHANGES[c.change]}</td><td>${c.title ?? c.path}</td></tr>`)}</tbody></table>`
    : html`<p class="empty">本周知识库没有修改。</p>`
  : html`<p class="note">知识库还没有保存过版本（在后台编辑并发布知识后才有），本周的修改无法列出。</p>`}
${k.covered.length
  ? html`<p>以下群众需求现在已经能回答了${k.tracked ? '（标“本周”的是本周修改的事项覆盖的）' : ''}，可在后台标为“已补充知识”：</p>
<table><thead><tr><th>群众需求</th><th class="num">累计</th><th>现在由哪个事项回答</th></tr></thead><tbody>
${k.covered.map((c) => html`<tr><td>${c.label}</td><td class="num">${c.count}</td><td>${c.title}${c.changedThisWeek ? '（本周）' : ''}</td></tr>`)}</tbody></table>`
  : html`<p class="note">未处理的群众需求中，暂时没有已能回答的。</p>`}

<p class="foot">说明：群众需求按问题的意思自动归并，以最有代表性的一句群众原话命名；群众原话中的身份证号、手机号等个人信息在记录前已经隐去。后台“群众需求”页可以查看全部信号、合并或拆分归并。生成时间：${r.to.toISOString().replace('T', ' ').slice(0, 16)}（UTC）。</p>
</body></html>`.value;
}
