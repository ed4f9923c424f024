/**
 * A rejected knowledge change must not stop the next start (issue 13, finding 6): every
 * version that goes live is saved in the knowledge version store under DATA_DIR; with
 * errors in the folders, the server starts from the last good version, says so loudly
 * (log, /readyz, dashboard), and picks up the next good change by itself.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { KnowledgeError } from '../../src/engine/engine.js';
import { startServer, type Running } from '../../src/server/start.js';
import { addStaff, login } from '../admin/staff.js';
import { fixtureKnowledge, householdItem } from '../engine/fixture.js';
import { cleanTemps, INTENTS_DIR, postJson, tempDir } from '../helpers.js';

afterAll(cleanTemps);

const ADMIN = 'admin-token-last-good';

async function start(env: Record<string, string>, lines: string[] = []): Promise<Running> {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', INTENTS_DIR, USER_HASH_SECRET: 's', ADMIN_TOKEN: ADMIN, ...env }, false);
  return startServer(config, pino({ level: 'info' }, sink), { watch: false });
}

const ask = async (s: Running, text: string) => (await postJson(`${s.url}/api/ask`, { user: 'u', text })).body as { kind: string; item: { id: string } | null };
const BROKEN = '---\nid: Broken Id\ntitle: 坏\n---\n';

describe('the last good knowledge', () => {
  test('with errors in the folder the server starts from the last good version, and says so', async () => {
    const kb = fixtureKnowledge({ a: householdItem('permit-apply', '甲证申领', ['办甲证', '甲证怎么办'], ['甲证']) });
    const env = { KNOWLEDGE_DIR: kb, DATA_DIR: tempDir() };
    const first = await start(env);
    expect((await ask(first, '办甲证')).item?.id).toBe('permit-apply');
    await first.close();

    // A bad edit while the server is down (or rejected while it ran): the next start.
    writeFileSync(join(kb, 'items', 'broken.md'), BROKEN);
    const lines: string[] = [];
    const s = await start(env, lines);
    expect((await ask(s, '办甲证')).item?.id).toBe('permit-apply');

    const loud = lines.find((l) => l.includes('THE KNOWLEDGE FOLDERS HAVE ERRORS'));
    expect(loud).toContain('"level":50');
    expect(loud).toContain('broken.md');
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    const knowledge = ((await ready.json()) as { knowledge: { servingFrom: string | null; folder: { ok: boolean; errors: string[] } } }).knowledge;
    expect(knowledge.servingFrom).toMatch(/^v000001/);
    expect(knowledge.folder.ok).toBe(false);
    expect(knowledge.folder.errors.join('\n')).toContain('broken.md');

    await addStaff(s, '值班员', 'viewer');
    const dashboard = await (await (await login(s, '值班员')).get('/admin')).text();
    expect(dashboard).toContain('知识库文件夹有错误');
    expect(dashboard).toContain('v000001');
    expect(dashboard).toContain('broken.md');

    // The fix is picked up like any change, and recorded as a new version.
    rmSync(join(kb, 'items', 'broken.md'));
    const file = join(kb, 'items', 'a.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  - 办甲证', '  - 办甲证\n  - 丙丁戊证'));
    expect((await s.ctx.reload('fixed')).ok).toBe(true);
    expect(s.ctx.engine.servingFrom).toBeNull();
    expect((await ask(s, '丙丁戊证')).item?.id).toBe('permit-apply');
    const folder = ((await (await fetch(`${s.url}/readyz`)).json()) as { knowledge: { servingFrom: string | null; folder: { ok: boolean } } }).knowledge;
    expect(folder).toMatchObject({ servingFrom: null, folder: { ok: true } });
    const deadline = Date.now() + 3000;
    const store = s.ctx.versions;
    while ((await store.list()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const versions = await store.list();
    expect(versions.map((v) => [v.id, v.reason])).toEqual([['v000002', 'reload: fixed'], ['v000001', 'start']]);
    expect(versions[0]?.changes).toEqual([{ path: 'knowledge/items/a.md', change: 'changed' }]);
    await s.close();
  });

  test('a rejected reload is not saved as a version; without any good version a broken folder still stops the start', async () => {
    const kb = fixtureKnowledge({ a: householdItem('permit-apply', '甲证申领', ['办甲证', '甲证怎么办'], ['甲证']) });
    const s = await start({ KNOWLEDGE_DIR: kb, DATA_DIR: tempDir() });
    writeFileSync(join(kb, 'items', 'broken.md'), BROKEN);
    expect((await s.ctx.reload('broken')).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect((await s.ctx.versions.list()).map((v) => v.reason)).toEqual(['start']);
    await s.close();

    await expect(start({ KNOWLEDGE_DIR: kb, DATA_DIR: tempDir() })).rejects.toThrow(KnowledgeError);
  });
});
