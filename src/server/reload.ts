/**
 * Hot reload and knowledge versions across instances.
 *
 * Local changes: watch knowledge/ and intents/, wait for saving to settle (debounce),
 * rebuild the brain beside the old one (off the serving thread, see engine/) and swap it
 * only if it is valid. An invalid change leaves the previous knowledge serving and is
 * reported (file, line, message) in the log, the metrics and the admin dashboard. SIGHUP
 * and the dashboard button do the same.
 *
 * Other instances: a valid local change is published (its files and content hash) through
 * the shared state; every instance hears of it and swaps to the same version — from its
 * own folder when that holds the same content, else from the published files written out
 * under DATA_DIR/knowledge-live/. Messages in flight finish on the brain they began with,
 * because a brain is never modified, only replaced.
 */
import { watch, type FSWatcher } from 'node:fs';
import { liveDir, type Runtime } from '../engine/create.js';
import { formatProblem, type KnowledgeSource, type ReloadResult } from '../engine/engine.js';
import type { ServerContext } from './context.js';

export const RELOAD_DEBOUNCE_MS = 300;

/** The instance's knowledge: what it serves (by content hash), local reloads, following others. */
export class LiveKnowledge {
  /** Content hash of the version served now. */
  serving: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: ServerContext,
    private readonly runtime: Pick<Runtime, 'engine' | 'shared' | 'knowledge' | 'lastGood'>,
  ) {
    this.serving = runtime.knowledge.hash;
  }

  private get local(): KnowledgeSource {
    return { knowledgeDir: this.ctx.config.KNOWLEDGE_DIR, intentsDir: this.ctx.config.INTENTS_DIR };
  }

  /** One at a time, in order: reloads must not overtake each other. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Rebuild from the local folders; publish the result to every instance if it is valid and new. */
  reload(reason: string): Promise<ReloadResult> {
    return this.serial(async () => {
      const result = await this.runtime.engine.reload(this.local);
      this.report(result, reason);
      if (result.ok) this.keep(result, reason);
      if (result.ok && result.hash && result.hash !== this.serving) {
        this.serving = result.hash;
        await this.runtime.shared.knowledge.publish(result.hash, result.files ?? new Map()).catch((err: unknown) => {
          this.ctx.logger.error({ err }, 'could not publish the knowledge version to the other instances');
        });
      }
      return result;
    });
  }

  /**
   * What went live from the folders is kept as a version (the last good one to start from,
   * history, the weekly report). A turn later: a publish from the editor, which reloads
   * through here, saves its own version (with who and why) first, and this one then finds
   * the same content there and records nothing more.
   */
  private keep(result: ReloadResult, reason: string): void {
    const files = result.files;
    if (!files) return;
    setImmediate(() => {
      void this.runtime.lastGood.save(files, `reload: ${reason}`).then((v) => v && this.ctx.logger.info({ version: v.id, changes: v.changes.length }, 'knowledge version saved'));
    });
  }

  /** Swap to the version published last, if it is not the one served. */
  follow(reason: string): Promise<void> {
    return this.serial(async () => {
      const { shared, engine } = this.runtime;
      const wanted = await shared.knowledge.current();
      if (!wanted || wanted === this.serving) return;
      // Our own folder may hold the same content (instances sharing one folder).
      const files = await shared.knowledge.files(wanted);
      if (!files) {
        this.ctx.logger.error({ hash: wanted }, 'published knowledge version is gone from the shared state; keeping ours');
        return;
      }
      const result = await engine.reload({ files, dir: liveDir(this.ctx.config, wanted), expectHash: wanted });
      this.report(result, reason);
      if (result.ok) this.serving = wanted;
    });
  }

  /** Follow what other instances publish; returns the unsubscribe. */
  async subscribe(): Promise<() => Promise<void>> {
    const { shared } = this.runtime;
    const unsubscribe = await shared.knowledge.subscribe((a) => {
      if (a.from === shared.instance) return;
      this.follow(`published by ${a.from}`).catch((err: unknown) => this.ctx.logger.error({ err }, 'following a published knowledge version failed'));
    });
    // A version published before we subscribed, or our own start's, if it was never published.
    if (!this.runtime.knowledge.published && shared.kind === 'redis' && !(await shared.knowledge.current())) {
      await this.reload('first instance: publishing the local knowledge');
    }
    await this.follow('start');
    return unsubscribe;
  }

  private report(result: ReloadResult, reason: string): void {
    this.ctx.metrics.reloads.inc({ result: result.ok ? 'ok' : 'error' });
    const errors = result.problems.filter((p) => p.severity === 'error');
    if (result.ok) {
      this.ctx.logger.info({ reason, ms: Math.round(result.ms), items: this.ctx.engine.brain.knowledge.items.length, version: result.hash?.slice(0, 12) }, 'knowledge reloaded');
    } else {
      this.ctx.logger.error({ reason, errors: errors.map(formatProblem) }, 'knowledge change rejected: previous version still serving');
    }
  }
}

export function watchKnowledge(ctx: ServerContext, reload: (reason: string) => Promise<unknown>, debounceMs = RELOAD_DEBOUNCE_MS): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = (file: string | null) => {
    if (file && /(^|\/)\.|~$|\.swp$/.test(file)) return; // editor temp files
    clearTimeout(timer);
    timer = setTimeout(() => void reload(`changed: ${file ?? '?'}`).catch((err: unknown) => ctx.logger.error({ err }, 'reload failed')), debounceMs);
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
