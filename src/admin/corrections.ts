/**
 * Correcting the grouping on a signal's page: merge another signal into this one, move an
 * example to another signal, split examples off into a new one; and the record of every
 * correction (who, when, what). The routes apply a correction in storage with the labels
 * the grouper gives the changed signals, then reload the grouper, so the next question
 * like a moved example joins where the admin put it.
 */
import type { RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine/engine.js';
import { syncSignals } from '../engine/signals.js';
import type { Reports, SignalCorrection, SignalRow } from '../storage/types.js';
import { can } from './accounts/roles.js';
import type { AuditRecorder } from './audit/record.js';
import { actorOf, type Actor } from './auth.js';
import type { AdminContext } from './context.js';
import { csrfField, html, type Html } from './html.js';

const ACTIONS: Record<SignalCorrection['action'], string> = { merge: '合并', move: '移动例句', split: '拆分', regroup: '迁移时按意思归并' };

/** A signal as the tables show it: its label, or the key of a signal grouped before labels. */
export function signalName(s: Pick<SignalRow, 'label' | 'key'>): string {
  return s.label ?? s.key;
}

const time = (s: string) => s.replace('T', ' ').slice(0, 16);

/** Corrections for those who may handle signals (编辑, 管理员); the record for everyone. */
export function correctionsSection(signal: SignalRow, candidates: SignalRow[], history: SignalCorrection[], actor: Actor): Html {
  const mayCorrect = can(actor.role, 'signals');
  const others = candidates.filter((c) => c.id !== signal.id && c.kind === signal.kind && c.itemId === signal.itemId);
  const options = others.map((o) => html`<option value="${o.id}">#${o.id} ${signalName(o)}（${o.count} 次）</option>`);
  const hidden = csrfField(actor);
  return html`<section id="corrections"><h2>归并得对吗</h2>
<p class="hint">机器人按意思把问题归并成信号。归错了可以在这里改：改动会记录下来（谁、什么时候），之后相似的问题会按改过的归并。</p>
${!mayCorrect ? html`<p class="hint">您的角色只能查看。</p>` : ''}
${mayCorrect && signal.examples.length > 1
  ? html`<form method="post" action="/admin/signals/${signal.id}/split">${hidden}
<fieldset><legend>拆分：勾选不属于这一类的例句，拆成一个新信号</legend>
${signal.examples.map((e) => html`<label class="example"><input type="checkbox" name="examples" value="${e}"> ${e}</label>`)}</fieldset>
<button type="submit">拆分为新信号</button></form>`
  : ''}
${!mayCorrect
  ? ''
  : others.length
  ? html`<form method="post" action="/admin/signals/${signal.id}/move">${hidden}
<label>移动例句 <select name="example">${signal.examples.map((e) => html`<option value="${e}">${e}</option>`)}</select></label>
<label>到 <select name="to">${options}</select></label> <button type="submit">移动</button></form>
<form method="post" action="/admin/signals/${signal.id}/merge">${hidden}
<label>把另一个信号并入本信号 <select name="other">${options}</select></label> <button type="submit">合并</button></form>`
  : html`<p class="hint">没有可以合并或移入的同类信号。</p>`}
<h3>修改记录</h3>
${history.length
  ? html`<table class="corrections"><tr><th>时间</th><th>操作人</th><th>操作</th><th>涉及的信号</th><th>例句</th></tr>
${history.map(
  (c) => html`<tr><td class="when">${time(c.at)}</td><td>${c.actor}</td><td>${ACTIONS[c.action]}</td>
<td><a href="/admin/signals/${c.signalId}">#${c.signalId}</a>${c.otherId !== null ? html` ← <a href="/admin/signals/${c.otherId}">#${c.otherId}</a>` : ''}</td>
<td>${c.examples.slice(0, 5).join(' | ')}</td></tr>`,
)}</table>`
  : html`<p class="hint">还没有人改过。</p>`}
</section>`;
}

const id = z.coerce.number().int().positive();
const mergeForm = z.object({ other: id });
const moveForm = z.object({ example: z.string().min(1).max(4000), to: id });
const splitForm = z.object({ examples: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])) });

/** The label a signal would have with these examples (the grouper's medoid). */
function labels(engine: Engine, ...signals: [number, string[]][]): Record<number, string> {
  return Object.fromEntries(signals.filter(([, examples]) => examples.length).map(([sid, examples]) => [sid, engine.labelOf(examples)]));
}

async function both(reports: Reports, a: number, b: number): Promise<[SignalRow, SignalRow] | undefined> {
  const [x, y] = await Promise.all([reports.signal(a), reports.signal(b)]);
  return x && y ? [x, y] : undefined;
}

/**
 * POST /signals/:id/merge | move | split (form posts from the signal page, by those who
 * may handle signals); each is kept in the signal's record and in the audit trail.
 */
export function correctionRoutes(router: Router, ctx: AdminContext, guards: RequestHandler[], record: AuditRecorder): void {
  const { reports, engine } = ctx;
  const done = async (res: Response, sid: number, ok: boolean, message: string) => {
    if (!ok) {
      res.status(400).json({ error: '无法修改：信号不存在、已被合并，或类型不同' });
      return;
    }
    await syncSignals(engine, reports);
    res.redirect(303, `/admin/signals/${sid}?flash=${encodeURIComponent(message)}#corrections`);
  };
  router.post('/signals/:id/merge', ...guards, async (req, res) => {
    const form = mergeForm.safeParse(req.body);
    const sid = Number(req.params.id);
    const pair = form.success ? await both(reports, sid, form.data.other) : undefined;
    if (!form.success || !pair) return done(res, sid, false, '');
    const merged = [...new Set([...pair[0].examples, ...pair[1].examples])];
    const ok = await reports.mergeSignals(sid, form.data.other, actorOf(req).name, labels(engine, [sid, merged]));
    if (ok) await record(req, 'signal_merge', `#${sid}`, { merged: `#${form.data.other}` });
    await done(res, sid, ok, `已把 #${form.data.other} 并入本信号`);
  });
  router.post('/signals/:id/move', ...guards, async (req, res) => {
    const form = moveForm.safeParse(req.body);
    const sid = Number(req.params.id);
    const pair = form.success ? await both(reports, sid, form.data.to) : undefined;
    if (!form.success || !pair) return done(res, sid, false, '');
    const { example, to } = form.data;
    const ok = await reports.moveExample(sid, example, to, actorOf(req).name, labels(engine, [sid, pair[0].examples.filter((e) => e !== example)], [to, [...pair[1].examples, example]]));
    if (ok) await record(req, 'signal_move', `#${sid}`, { to: `#${to}` });
    await done(res, sid, ok, `已把例句移到 #${to}`);
  });
  router.post('/signals/:id/split', ...guards, async (req, res) => {
    const form = splitForm.safeParse(req.body);
    const sid = Number(req.params.id);
    const signal = await reports.signal(sid);
    if (!form.success || !signal) return done(res, sid, false, '');
    const chosen = form.data.examples;
    const newId = await reports.splitSignal(sid, chosen, actorOf(req).name, (created) =>
      labels(engine, [sid, signal.examples.filter((e) => !chosen.includes(e))], [created, chosen]),
    );
    if (newId !== null) await record(req, 'signal_split', `#${sid}`, { into: `#${newId}`, examples: chosen.length });
    await done(res, sid, newId !== null, `已拆分为新信号 #${newId}`);
  });
}
