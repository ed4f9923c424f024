/**
 * "教给归并" on a signal's page: an editor files the signal's examples under a matter of the
 * catalogue (or a new one) and the grouping's matter classifier learns them (src/signals/
 * teach.ts). The file is written as the knowledge editor publishes (knowledge-writes.ts):
 * around a version saved before and after, the knowledge reloaded, the old file back if the
 * reload fails; the change is also in the audit trail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine/engine.js';
import { groupingText } from '../signals/demand.js';
import { newMatterId, TAUGHT_FILE, teach } from '../signals/teach.js';
import type { SignalRow } from '../storage/types.js';
import { can } from './accounts/roles.js';
import type { AuditRecorder } from './audit/record.js';
import { actorOf, type Actor } from './auth.js';
import type { AdminContext } from './context.js';
import { oneKnowledgeWriteAtATime, writeKnowledgeFile } from './knowledge-writes.js';
import { csrfField, html, type Html } from './html.js';

/** How many of the classifier's readings of the signal are offered first. */
const SUGGESTED = 3;
/** The value of the select's "a new matter" choice. */
const NEW = '__new__';

/** The section on an unmet signal's page, for those who may edit knowledge. */
export function teachSection(engine: Engine, signal: SignalRow, actor: Actor): Html {
  if (signal.kind !== 'unmet' || !can(actor.role, 'knowledge')) return html``;
  const { brain } = engine;
  const matters = [...brain.knowledge.lexicon.demandMatters].sort((a, b) => a.label.localeCompare(b.label, 'zh'));
  const read = brain.matcher.matter(groupingText(signal.label ?? signal.examples[0] ?? signal.key), SUGGESTED).map((p) => p.label);
  const likely = read.map((id) => matters.find((m) => m.id === id)).filter((m) => m !== undefined);
  const option = (m: { id: string; label: string }) => html`<option value="${m.id}">${m.label}（${m.id}）</option>`;
  return html`<section id="teach"><h2>教给归并</h2>
<p class="hint">这些问法说的是哪个事项？选好后，勾选的原话写进 <code>knowledge/${TAUGHT_FILE}</code>，知识库重新加载、归并模型重新学习（约半分钟），以后同样说法的问题会归到这个事项。改动记入知识库版本和操作记录；要撤回某句，从该文件删掉即可。</p>
<form method="post" action="/admin/signals/${signal.id}/teach">${csrfField(actor)}
<p><label for="teach-matter">事项</label>
<select id="teach-matter" name="matter">
${likely.length ? html`<optgroup label="最可能">${likely.map(option)}</optgroup>` : ''}
<optgroup label="新事项"><option value="${NEW}">新事项（在下面写名称）</option></optgroup>
<optgroup label="全部事项">${matters.map(option)}</optgroup>
</select></p>
<p><label for="teach-label">新事项名称（选“新事项”时填写）</label> <input id="teach-label" name="label" maxlength="60" placeholder="例如：开具无犯罪记录证明"></p>
<fieldset><legend>要教的原话</legend>
${signal.examples.map((e) => html`<label class="example"><input type="checkbox" name="examples" value="${e}" checked> ${e}</label>`)}</fieldset>
<button type="submit">教给归并</button></form></section>`;
}

const teachForm = z.object({
  matter: z.string().min(1).max(100),
  label: z.string().trim().max(60).optional(),
  examples: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])),
});

/** POST /signals/:id/teach (a form post by those who may edit knowledge). */
export function teachRoutes(router: Router, ctx: AdminContext, guards: RequestHandler[], record: AuditRecorder): void {
  router.post('/signals/:id/teach', ...guards, async (req, res) => {
    const sid = Number(req.params.id);
    const form = teachForm.safeParse(req.body);
    const signal = await ctx.reports.signal(sid);
    const examples = form.success && signal ? form.data.examples.filter((e) => signal.examples.includes(e)) : [];
    const matters = ctx.engine.brain.knowledge.lexicon.demandMatters;
    // A "new" matter named like one the catalogue has is that one (taught twice, one matter).
    const existing = form.success ? matters.find((m) => m.id === form.data.matter || (form.data.matter === NEW && m.label === form.data.label)) : undefined;
    const label = existing?.label ?? (form.success && form.data.matter === NEW ? form.data.label : undefined);
    if (!form.success || !signal || signal.kind !== 'unmet' || !examples.length || !label) {
      res.status(400).json({ error: '无法教给归并：信号不存在或不是“没答上来”，没有勾选它的原话，或没有选事项（新事项要写名称）' });
      return;
    }
    const actor = actorOf(req);
    // After any publish or teaching under way: each reads the file the one before wrote.
    const result = await oneKnowledgeWriteAtATime(ctx, async () => {
      const path = join(ctx.folders.knowledgeDir, TAUGHT_FILE);
      const id = existing?.id ?? newMatterId(matters.map((m) => m.id));
      const { text, added } = teach(existsSync(path) ? readFileSync(path, 'utf8') : null, { id, label }, examples);
      if (!added) return { ok: true as const, id, added };
      const written = await writeKnowledgeFile(ctx, TAUGHT_FILE, text, {
        before: '教给归并前的知识库',
        reload: `teach #${sid} → ${id} by ${actor.name}`,
        undo: `undo failed teach of #${sid}`,
        author: actor.name,
        reason: `教给归并：信号 #${sid} 的 ${added} 句原话 → ${label}（${id}）`,
      });
      return written.ok ? { ok: true as const, id, added } : { ok: false as const };
    });
    if (!result.ok) {
      res.status(500).json({ error: '知识库重新加载失败，已恢复原样' });
      return;
    }
    if (result.added) await record(req, 'signal_teach', `#${sid}`, { matter: `${label}（${result.id}）`, examples: result.added });
    const flash = result.added ? `已把 ${result.added} 句原话教给事项“${label}”，归并模型已重新学习` : `这些原话已经在事项“${label}”里了`;
    res.redirect(303, `/admin/signals/${sid}?flash=${encodeURIComponent(flash)}#teach`);
  });
}
