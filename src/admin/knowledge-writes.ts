/**
 * Writes to the live knowledge folder (an editor's publish or rollback, 教给归并) run one at a
 * time per admin context: each saves the version before, writes, reloads and saves the
 * version after, and two interleaved would record one's file in the other's "before".
 */
import type { AdminContext } from './context.js';

const queues = new WeakMap<AdminContext, Promise<unknown>>();

/** Run `write` after every knowledge write already queued for this context. */
export function oneKnowledgeWriteAtATime<T>(ctx: AdminContext, write: () => Promise<T>): Promise<T> {
  const next = (queues.get(ctx) ?? Promise.resolve()).then(write);
  queues.set(ctx, next.catch(() => undefined));
  return next;
}
