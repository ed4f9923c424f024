/**
 * Writes to the live knowledge folder (an editor's publish or rollback, 教给归并): one file
 * written and made live around a version saved before and after, one write at a time per
 * admin context, since two interleaved would record one's file in the other's "before".
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KnowledgeProblem } from '../knowledge/types.js';
import { readSnapshot } from '../knowledge/versions/snapshot.js';
import type { KnowledgeVersion } from '../knowledge/versions/store.js';
import type { AdminContext } from './context.js';

const queues = new WeakMap<AdminContext, Promise<unknown>>();

/** Run `write` after every knowledge write already queued for this context. */
export function oneKnowledgeWriteAtATime<T>(ctx: AdminContext, write: () => Promise<T>): Promise<T> {
  const next = (queues.get(ctx) ?? Promise.resolve()).then(write);
  queues.set(ctx, next.catch(() => undefined));
  return next;
}

export type KnowledgeWrite = { ok: true; version: KnowledgeVersion } | { ok: false; problems: KnowledgeProblem[] };

export interface WriteReasons {
  /** Why the knowledge as it was is saved first (the history's "before" of this change). */
  before: string;
  /** The reload's reason, and the undoing reload's if it fails. */
  reload: string;
  undo: string;
  /** Who made the change and why: the version saved once it is live. */
  author: string;
  reason: string;
}

/**
 * Write `file` (a path inside the knowledge folder) and reload. A reload that fails puts the
 * old file back (or removes a new one) and reloads again, and its problems are given back; one
 * that takes is saved as a version. Call it inside `oneKnowledgeWriteAtATime`.
 */
export async function writeKnowledgeFile(ctx: AdminContext, file: string, text: string, why: WriteReasons): Promise<KnowledgeWrite> {
  const { folders, versions, engine } = ctx;
  const snapshot = () => readSnapshot(folders.knowledgeDir, folders.intentsDir);
  await versions.save(snapshot(), { author: 'server', reason: why.before, ok: engine.lastReload.ok });
  const path = join(folders.knowledgeDir, file);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : null;
  writeAtomically(path, text);
  const reloaded = await ctx.reload(why.reload);
  if (!reloaded.ok) {
    if (before === null) rmSync(path, { force: true });
    else writeAtomically(path, before);
    await ctx.reload(why.undo);
    return { ok: false, problems: reloaded.problems };
  }
  return { ok: true, version: await versions.save(snapshot(), { author: why.author, reason: why.reason, ok: true }) };
}

/** Write a file whole or not at all (a temp file renamed over it). */
function writeAtomically(path: string, text: string): void {
  const tmp = join(dirname(path), `.${Date.now()}-${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
