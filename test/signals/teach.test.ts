/**
 * Teaching the grouping (教给归并): the taught file's text (masked examples written as the
 * grouper reads them, each once), and the whole flow over real HTTP on a real server with
 * its own knowledge folder: the section on a signal's page for editors only, the file
 * written, the knowledge reloaded so the matter classifier reads the citizens' words as the
 * matter taught, the change in the knowledge history and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupingText } from '../../src/signals/demand.js';
import { newMatterId, readTaught, TAUGHT_FILE, teach } from '../../src/signals/teach.js';
import { fixtureKnowledge, householdItem } from '../engine/fixture.js';
import { cleanTemps, postJson, testServer } from '../helpers.js';
import { addStaff, login } from '../admin/staff.js';

afterAll(cleanTemps);

describe('the taught file', () => {
  test('examples go under their matter as the grouper reads them, masks out, each once', () => {
    const first = teach(null, { id: 'taught-1', label: '开具无犯罪记录证明' }, ['我手机[手机号] 良民证去哪开？', '我手机[手机号] 良民证去哪开?']);
    expect(first.added).toBe(1);
    expect(first.text.startsWith('# ')).toBe(true);
    expect(readTaught(first.text)).toEqual([{ id: 'taught-1', label: '开具无犯罪记录证明', phrasings: [groupingText('我手机[手机号] 良民证去哪开？')] }]);
    expect(first.text).not.toContain('[手机号]');
    const second = teach(first.text, { id: 'dog-licence', label: '养犬登记' }, ['狗证在哪办', '狗证在哪办呀']);
    expect(second.added).toBe(2);
    expect(readTaught(second.text).map((m) => [m.id, m.phrasings.length])).toEqual([
      ['taught-1', 1],
      ['dog-licence', 2],
    ]);
    expect(teach(second.text, { id: 'dog-licence', label: '养犬登记' }, ['狗证在哪办']).added).toBe(0);
    expect(newMatterId(['taught-1', 'taught-2', 'passport'])).toBe('taught-3');
  });
});

describe('teaching over HTTP', () => {
  const kb = fixtureKnowledge({ 'permit-apply': householdItem('permit-apply', '甲证申领', ['办甲证', '甲证怎么办', '申请甲证'], ['甲证']) });
  // A small catalogue, so the matter classifier retrains in a moment.
  mkdirSync(join(kb, 'demand-matters'));
  const matter = (id: string, label: string, phrasings: string[]) => `- id: ${id}\n  label: ${label}\n  phrasings:\n${phrasings.map((p) => `  - ${p}\n`).join('')}`;
  writeFileSync(
    join(kb, 'demand-matters', 'base.yaml'),
    `matters:\n${matter('dog-licence', '养犬登记', ['狗证怎么办', '养狗要办证吗', '狗证在哪办', '犬证去哪办理', '养狗登记要带啥', '狗证年检'])}${matter('passport', '护照申领', ['护照怎么办', '办护照要带啥', '护照丢了咋补', '护照去哪办', '护照过期换新', '出国护照咋办'])}`,
  );
  const asked = ['良民证去哪开', '良民证怎么开', '开良民证要带啥', '良民证在哪里开', '我手机13812345678 良民证多久能开好'];
  let s: Awaited<ReturnType<typeof testServer>>;

  beforeAll(async () => {
    s = await testServer({ KNOWLEDGE_DIR: kb, ADMIN_TOKEN: 'teach-tests-token-1' }, { watch: false });
    await addStaff(s, '周编辑', 'editor');
    await addStaff(s, '郑查看', 'viewer');
    for (const text of asked) expect((await postJson(`${s.url}/api/ask`, { user: `u-${Math.random()}`, text })).body.kind).toBe('fallback');
    await s.ctx.log.flush();
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  test('an editor files a signal under a new matter: file, reload, the classifier reads it so, history and audit', async () => {
    const signal = (await s.ctx.reports.signals()).find((x) => x.examples.includes('良民证去哪开'));
    expect(signal).toBeDefined();
    if (!signal) return;
    expect(signal.examples.length).toBeGreaterThanOrEqual(5);
    const before = s.ctx.engine.brain.matcher.matter(groupingText('良民证能在网上开吗'), 1)[0]?.label;
    expect(before).not.toMatch(/^taught-/);

    const viewer = await login(s, '郑查看');
    expect(await (await viewer.get(`/admin/signals/${signal.id}`)).text()).not.toContain('教给归并');
    expect((await viewer.post(`/admin/signals/${signal.id}/teach`, { matter: '__new__', label: '开具无犯罪记录证明', examples: '良民证去哪开' })).status).toBe(403);

    const ed = await login(s, '周编辑');
    const page = await (await ed.get(`/admin/signals/${signal.id}`)).text();
    expect(page).toContain('教给归并');
    expect(page).toContain('护照申领（passport）');
    // Nothing chosen, or an example the signal does not have: refused, nothing written.
    expect((await ed.post(`/admin/signals/${signal.id}/teach`, { matter: '__new__', label: '', examples: '良民证去哪开' })).status).toBe(400);
    expect((await ed.post(`/admin/signals/${signal.id}/teach`, { matter: 'passport', examples: '不是它的原话' })).status).toBe(400);
    expect(existsSync(join(kb, TAUGHT_FILE))).toBe(false);

    const form = new URLSearchParams({ csrf: ed.csrf, matter: '__new__', label: '开具无犯罪记录证明' });
    for (const e of signal.examples) form.append('examples', e);
    const res = await fetch(`${s.url}/admin/signals/${signal.id}/teach`, { method: 'POST', headers: { cookie: ed.cookie }, body: form, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get('location') ?? '')).toContain(`已把 ${signal.examples.length} 句原话教给事项“开具无犯罪记录证明”`);

    const taught = readTaught(readFileSync(join(kb, TAUGHT_FILE), 'utf8'));
    expect(taught).toEqual([{ id: 'taught-1', label: '开具无犯罪记录证明', phrasings: signal.examples.map(groupingText) }]);
    expect(JSON.stringify(taught)).not.toMatch(/13812345678|手机号\]/);
    // Reloaded: the classifier reads a new phrasing of the need as the matter taught.
    expect(s.ctx.engine.brain.knowledge.lexicon.demandMatters.map((m) => m.id)).toContain('taught-1');
    expect(s.ctx.engine.brain.matcher.matter(groupingText('良民证能在网上开吗'), 1)[0]?.label).toBe('taught-1');
    const history = await s.ctx.versions.history(`knowledge/${TAUGHT_FILE}`);
    expect(history[0]?.version).toMatchObject({ author: '周编辑', ok: true });
    expect(history[0]?.version.reason).toContain('开具无犯罪记录证明');
    expect((await s.ctx.audit.query({ action: 'signal_teach' }))[0]).toMatchObject({ actor: '周编辑', target: `#${signal.id}` });

    // Taught again: nothing new, nothing reloaded or versioned.
    const again = await fetch(`${s.url}/admin/signals/${signal.id}/teach`, { method: 'POST', headers: { cookie: ed.cookie }, body: form, redirect: 'manual' });
    expect(decodeURIComponent(again.headers.get('location') ?? '')).toContain('已经在事项');
    expect(await s.ctx.versions.history(`knowledge/${TAUGHT_FILE}`)).toHaveLength(history.length);

    // Filed under a matter of the catalogue: its id and label, beside the matter taught before.
    const toPassport = await ed.post(`/admin/signals/${signal.id}/teach`, { matter: 'passport', examples: '良民证去哪开' });
    expect(toPassport.status).toBe(303);
    expect(readTaught(readFileSync(join(kb, TAUGHT_FILE), 'utf8')).map((m) => [m.id, m.label])).toEqual([
      ['taught-1', '开具无犯罪记录证明'],
      ['passport', '护照申领'],
    ]);

    // Two teachings at once: one waits for the other, so neither loses the other's phrasing.
    const both = await Promise.all(['良民证怎么开', '开良民证要带啥'].map((e) => ed.post(`/admin/signals/${signal.id}/teach`, { matter: 'passport', examples: e })));
    expect(both.map((r) => r.status)).toEqual([303, 303]);
    expect(readTaught(readFileSync(join(kb, TAUGHT_FILE), 'utf8')).find((m) => m.id === 'passport')?.phrasings).toEqual(['良民证去哪开', '良民证怎么开', '开良民证要带啥']);
  }, 120_000);
});
