/**
 * The knowledge version store on files (src/knowledge/versions): what start-up, the staff
 * console's history and rollback, and the weekly report's "changed since last week" read.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileVersionStore } from '../../src/knowledge/versions/files.js';
import { changesBetween, readSnapshot, snapshotHash, writeSnapshot } from '../../src/knowledge/versions/snapshot.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, tempDir } from '../helpers.js';

afterAll(cleanTemps);

const snap = (entries: Record<string, string>) => new Map(Object.entries(entries));
const DAY = 86_400_000;

describe('FileVersionStore', () => {
  test('saves versions with who, when and why; lists them newest first; a fresh instance reads them back', async () => {
    const dir = join(tempDir(), 'versions');
    const store = new FileVersionStore(dir);
    const v1 = await store.save(snap({ 'knowledge/items/a.md': 'A1', 'intents/chat.yaml': 'C' }), { author: 'server', reason: 'start', ok: true, at: new Date(Date.now() - 10 * DAY) });
    const v2 = await store.save(snap({ 'knowledge/items/a.md': 'A2', 'intents/chat.yaml': 'C', 'knowledge/items/b.md': 'B' }), { author: '李科员', reason: '补充别名', ok: true });
    expect(v1).toMatchObject({ id: 'v000001', files: 2, changes: [{ path: 'intents/chat.yaml', change: 'added' }, { path: 'knowledge/items/a.md', change: 'added' }] });
    expect(v2).toMatchObject({ id: 'v000002', author: '李科员', reason: '补充别名', changes: [{ path: 'knowledge/items/a.md', change: 'changed' }, { path: 'knowledge/items/b.md', change: 'added' }] });
    const again = new FileVersionStore(dir);
    expect((await again.list()).map((v) => v.id)).toEqual(['v000002', 'v000001']);
    expect((await again.list({ since: new Date(Date.now() - DAY) })).map((v) => v.id)).toEqual(['v000002']);
    expect((await again.get('v000001'))?.snapshot.get('knowledge/items/a.md')).toBe('A1');
    expect(await again.get('v000099')).toBeNull();
    expect(await again.get('../../etc/passwd')).toBeNull();
  });

  test('the same content again records nothing; the last good skips versions that did not build', async () => {
    const store = new FileVersionStore(join(tempDir(), 'versions'));
    const a = snap({ 'knowledge/items/a.md': 'A' });
    const v1 = await store.save(a, { author: 'server', reason: 'start', ok: true });
    expect(await store.save(new Map(a), { author: 'server', reason: 'restart', ok: true })).toEqual(v1);
    await store.save(snap({ 'knowledge/items/a.md': 'broken' }), { author: '编辑', reason: 'draft', ok: false });
    expect((await store.list()).length).toBe(2);
    expect((await store.lastGood())?.id).toBe(v1.id);
  });

  test('per-file history: the versions in which one item changed, newest first', async () => {
    const store = new FileVersionStore(join(tempDir(), 'versions'));
    await store.save(snap({ 'knowledge/items/a.md': '1', 'knowledge/items/b.md': '1' }), { author: 's', reason: 'r1', ok: true });
    await store.save(snap({ 'knowledge/items/a.md': '1', 'knowledge/items/b.md': '2' }), { author: 's', reason: 'r2', ok: true });
    await store.save(snap({ 'knowledge/items/a.md': '2', 'knowledge/items/b.md': '2' }), { author: 's', reason: 'r3', ok: true });
    await store.save(snap({ 'knowledge/items/b.md': '2' }), { author: 's', reason: 'r4', ok: true });
    const history = await store.history('knowledge/items/a.md');
    expect(history.map((h) => [h.version.reason, h.change])).toEqual([['r4', 'removed'], ['r3', 'changed'], ['r1', 'added']]);
  });

  test('changed since last week: the good version live a week ago against the one live now', async () => {
    const store = new FileVersionStore(join(tempDir(), 'versions'));
    const now = Date.now();
    await store.save(snap({ 'knowledge/items/a.md': '1', 'knowledge/items/b.md': '1' }), { author: 's', reason: 'old', ok: true, at: new Date(now - 20 * DAY) });
    await store.save(snap({ 'knowledge/items/a.md': '2', 'knowledge/items/b.md': '1' }), { author: 's', reason: 'before', ok: true, at: new Date(now - 9 * DAY) });
    await store.save(snap({ 'knowledge/items/a.md': '2', 'knowledge/items/b.md': '3', 'knowledge/items/c.md': '1' }), { author: 's', reason: 'this week', ok: true, at: new Date(now - 2 * DAY) });
    await store.save(snap({ 'knowledge/items/a.md': 'broken' }), { author: 's', reason: 'rejected', ok: false, at: new Date(now - DAY) });
    const week = await changesBetween(store, new Date(now - 7 * DAY));
    expect(week.before?.reason).toBe('before');
    expect(week.after?.reason).toBe('this week');
    expect(week.changes).toEqual([{ path: 'knowledge/items/b.md', change: 'changed' }, { path: 'knowledge/items/c.md', change: 'added' }]);
  });

  test('folder 700 and files 600; unchanged files are stored once', async () => {
    const dir = join(tempDir(), 'versions');
    const store = new FileVersionStore(dir);
    await store.save(snap({ 'knowledge/items/a.md': 'same', 'knowledge/items/b.md': 'x' }), { author: 's', reason: '1', ok: true });
    await store.save(snap({ 'knowledge/items/a.md': 'same', 'knowledge/items/b.md': 'y' }), { author: 's', reason: '2', ok: true });
    expect(readdirSync(join(dir, 'blobs'))).toHaveLength(3);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const sub of ['blobs', 'versions', 'manifests']) {
      for (const f of readdirSync(join(dir, sub))) expect(statSync(join(dir, sub, f)).mode & 0o777).toBe(0o600);
    }
  });
});

describe('snapshots', () => {
  test('the shipped folders read, write back and read again the same (hash equal), editor temporaries left out', () => {
    const before = readSnapshot(KNOWLEDGE_DIR, INTENTS_DIR);
    expect(before.size).toBeGreaterThan(50);
    expect([...before.keys()].every((p) => p.startsWith('knowledge/') || p.startsWith('intents/'))).toBe(true);
    const out = writeSnapshot(before, join(tempDir(), 'copy'));
    writeFileSync(join(out.knowledgeDir, '.draft.md.swp'), 'x');
    writeFileSync(join(out.knowledgeDir, 'notes.md~'), 'x');
    const after = readSnapshot(out.knowledgeDir, out.intentsDir);
    expect(snapshotHash(after)).toBe(snapshotHash(before));
  });

  test('a path that would leave the folder is not written', () => {
    const dir = join(tempDir(), 'copy');
    mkdirSync(dir, { recursive: true });
    writeSnapshot(snap({ 'knowledge/../../escaped.md': 'x', 'knowledge/items/a.md': 'a' }), join(dir, 'out'));
    expect(() => readFileSync(join(dir, 'escaped.md'))).toThrow();
    expect(readFileSync(join(dir, 'out', 'knowledge', 'items', 'a.md'), 'utf8')).toBe('a');
  });
});
