/**
 * Snapshots of the knowledge and intents folders: read them (every text file, editor
 * temporaries skipped), write one back out as folders the brain can be built from, hash
 * one, and compare two. What the version store (store.ts) saves and returns.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { FileChange, KnowledgeVersion, KnowledgeVersionStore, Snapshot } from './store.js';

/** Editor temporaries and hidden files are not knowledge (the same rule as the watcher's). */
export const IGNORED = /(^|\/)\.|~$|\.swp$/;

function walk(dir: string, prefix: string, out: Map<string, string>): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return; // a missing folder is an empty one; the build reports it
  }
  for (const name of names) {
    const path = join(dir, name);
    const rel = `${prefix}/${name}`;
    if (IGNORED.test(rel)) continue;
    const st = statSync(path);
    if (st.isDirectory()) walk(path, rel, out);
    else if (st.isFile()) out.set(rel, readFileSync(path, 'utf8'));
  }
}

/** The files of both folders, by "knowledge/…" and "intents/…" paths. */
export function readSnapshot(knowledgeDir: string, intentsDir: string): Map<string, string> {
  const out = new Map<string, string>();
  walk(knowledgeDir, 'knowledge', out);
  walk(intentsDir, 'intents', out);
  return out;
}

export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex');

/** One hash for a whole snapshot: equal content, equal hash, whatever the order read. */
export function snapshotHash(snapshot: Snapshot): string {
  const h = createHash('sha256');
  for (const path of [...snapshot.keys()].sort()) h.update(`${path}\0${contentHash(snapshot.get(path) ?? '')}\n`);
  return h.digest('hex');
}

export function diffSnapshots(before: Snapshot, after: Snapshot): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, text] of after) {
    const old = before.get(path);
    if (old === undefined) changes.push({ path, change: 'added' });
    else if (old !== text) changes.push({ path, change: 'changed' });
  }
  for (const path of before.keys()) if (!after.has(path)) changes.push({ path, change: 'removed' });
  return changes.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Write a snapshot out as `<dir>/knowledge` and `<dir>/intents` (written beside and renamed
 * into place, so a half-written copy is never built from). Returns the two folders.
 */
export function writeSnapshot(snapshot: Snapshot, dir: string): { knowledgeDir: string; intentsDir: string } {
  const staging = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  for (const [path, text] of snapshot) {
    const target = join(staging, ...path.split('/'));
    if (relative(staging, target).split(sep)[0] === '..') continue; // never outside the folder
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, text, { mode: 0o600 });
  }
  for (const folder of ['knowledge', 'intents']) mkdirSync(join(staging, folder), { recursive: true, mode: 0o700 });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  renameSync(staging, dir);
  return { knowledgeDir: join(dir, 'knowledge'), intentsDir: join(dir, 'intents') };
}

/**
 * What changed between the knowledge live at `from` and at `to` (the weekly report's
 * "changed since last week"): the last good version at or before each time, compared.
 */
export async function changesBetween(store: KnowledgeVersionStore, from: Date, to = new Date()): Promise<{ before: KnowledgeVersion | null; after: KnowledgeVersion | null; changes: FileChange[] }> {
  const good = (await store.list()).filter((v) => v.ok);
  const at = (t: Date) => good.find((v) => v.at.getTime() <= t.getTime()) ?? null;
  const before = at(from);
  const after = at(to);
  if (!after) return { before, after, changes: [] };
  const [a, b] = await Promise.all([before ? store.get(before.id) : null, store.get(after.id)]);
  return { before, after, changes: diffSnapshots(a?.snapshot ?? new Map(), b?.snapshot ?? new Map()) };
}
