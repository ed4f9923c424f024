/**
 * Hot reload: watch knowledge/ and intents/, wait for saving to settle (debounce),
 * rebuild the brain beside the old one and swap it only if it is valid. An invalid change
 * leaves the previous knowledge serving and is reported (file, line, message) in the log,
 * the metrics and the admin dashboard. Messages in flight finish on the brain they began
 * with, because a brain is never modified, only replaced.
 */
import { watch, type FSWatcher } from 'node:fs';
import { formatProblem, type ReloadResult } from '../engine/engine.js';
import type { ServerContext } from './context.js';

export const RELOAD_DEBOUNCE_MS = 300;

export function reloadNow(ctx: ServerContext, reason: string): ReloadResult {
  const result = ctx.engine.reload();
  ctx.metrics.reloads.inc({ result: result.ok ? 'ok' : 'error' });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (result.ok) {
    ctx.logger.info({ reason, ms: Math.round(result.ms), items: ctx.engine.brain.knowledge.items.length }, 'knowledge reloaded');
  } else {
    ctx.logger.error({ reason, errors: errors.map(formatProblem) }, 'knowledge change rejected: previous version still serving');
  }
  return result;
}

export function watchKnowledge(ctx: ServerContext, debounceMs = RELOAD_DEBOUNCE_MS): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = (file: string | null) => {
    if (file && /(^|\/)\.|~$|\.swp$/.test(file)) return; // editor temp files
    clearTimeout(timer);
    timer = setTimeout(() => reloadNow(ctx, `changed: ${file ?? '?'}`), debounceMs);
  };
  const watchers: FSWatcher[] = [];
  for (const dir of [ctx.config.KNOWLEDGE_DIR, ctx.config.INTENTS_DIR]) {
    try {
      const w = watch(dir, { recursive: true }, (_event, file) => schedule(file));
      w.on('error', (err) => ctx.logger.error({ err, dir }, 'knowledge watcher failed'));
      watchers.push(w);
    } catch (err) {
      ctx.logger.error({ err, dir }, 'cannot watch folder; reload with SIGHUP or the admin button');
    }
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
