import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanTemps, postJson, testServer } from '../helpers.js';
import { fixtureKnowledge, householdItem } from '../engine/fixture.js';

// Generous: a reload retrains the fixture's classifier, which on a machine busy with other
// jobs has taken more than ten seconds.
async function until(check: () => Promise<boolean> | boolean, ms = 45_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('hot reload of the knowledge', () => {
  const kb = fixtureKnowledge({ a: householdItem('permit-apply', '甲证申领', ['办甲证', '甲证怎么办'], ['甲证']) });
  let server: Awaited<ReturnType<typeof testServer>>;
  // Each test asks as its own user: the first one polls until the reload lands, and on a busy
  // machine that many asks would reach the per-user rate limit the second one then meets (429).
  const ask = async (text: string, user = 'reload') => (await postJson(`${server.url}/api/ask`, { user, text })).body;

  beforeAll(async () => {
    server = await testServer({ KNOWLEDGE_DIR: kb });
  });
  afterAll(async () => {
    await server.close();
    cleanTemps();
  });

  test('a new alias answers within seconds of saving the file', async () => {
    expect((await ask('丙丁戊证')).kind).toBe('fallback');
    const file = join(kb, 'items', 'a.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  - 办甲证', '  - 办甲证\n  - 丙丁戊证'));
    await until(async () => (await ask('丙丁戊证')).kind === 'answer');
    expect(server.ctx.engine.lastReload.ok).toBe(true);
  }, 60_000);

  test('a broken file changes nothing for citizens and the error is kept with file and line', async () => {
    const before = server.ctx.engine.brain;
    writeFileSync(join(kb, 'items', 'broken.md'), '---\nid: Broken Id\ntitle: 坏\n---\n');
    await until(() => server.ctx.engine.lastReload.ok === false);
    expect(server.ctx.engine.brain).toBe(before);
    expect((await ask('办甲证', 'reload-after-broken')).item?.id).toBe('permit-apply');
    const problem = server.ctx.engine.lastReload.problems.find((p) => p.file.endsWith('broken.md'));
    expect(problem).toMatchObject({ severity: 'error', line: 2 });
  }, 60_000);
});
