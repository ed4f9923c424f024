/**
 * The weekly report's figures from a real store and the one store of knowledge versions:
 * what changed since last week, and which open demand signals the knowledge answers now.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { buildWeekly } from '../../src/admin/weekly/build.js';
import { DEFAULT_DIALOG } from '../../src/dialog/dialog.js';
import { FileVersionStore } from '../../src/knowledge/versions/files.js';
import { readSnapshot } from '../../src/knowledge/versions/snapshot.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, tempDir, testEngine, unmetRecord } from '../helpers.js';

afterAll(cleanTemps);
const DAY = 86_400_000;

describe('weekly report data', () => {
  test('knowledge changed since last week, from the version store, and the signals it now covers', async () => {
    const t = testEngine();
    const versions = new FileVersionStore(join(tempDir(), 'versions'));
    const live = readSnapshot(KNOWLEDGE_DIR, INTENTS_DIR);
    const before = new Map(live);
    const path = 'knowledge/items/idcard-lost.md';
    before.set(path, (live.get(path) ?? '').replace('aliases:', 'aliases:\n  - 旧的说法'));
    await versions.save(before, { author: 'server', reason: 'start', ok: true, at: new Date(Date.now() - 10 * DAY) });
    await versions.save(live, { author: '编辑甲', reason: '发布 idcard-lost', ok: true, at: new Date(Date.now() - DAY) });

    // An unmet demand recorded before the knowledge answered it, and one it still cannot answer.
    t.log.record(unmetRecord({ at: new Date(Date.now() - 2 * DAY), text: '身份证丢了怎么补办', signalKey: 'old:身份证丢了' }));
    t.log.record(unmetRecord({ at: new Date(Date.now() - 2 * DAY), text: '养狗要办证吗', signalKey: 'old:养狗' }));
    await t.log.flush();

    const { report, html } = await buildWeekly({ brain: t.engine.brain, params: DEFAULT_DIALOG, reports: t.reports, versions });
    expect(report.knowledge.tracked).toBe(true);
    expect(report.knowledge.changes).toEqual([{ path, change: 'changed', itemId: 'idcard-lost', title: '居民身份证遗失补领' }]);
    expect(report.knowledge.covered).toEqual([expect.objectContaining({ label: 'old:身份证丢了', itemId: 'idcard-lost', changedThisWeek: true })]);
    expect(report.newDemands.map((d) => d.label).sort()).toEqual(['old:养狗', 'old:身份证丢了']);
    expect(html).toContain('居民身份证遗失补领（本周）');
    await t.close();
  });

  test('without any saved version the report says the changes are unknown', async () => {
    const t = testEngine();
    const { report, html } = await buildWeekly({ brain: t.engine.brain, params: DEFAULT_DIALOG, reports: t.reports, versions: new FileVersionStore(join(tempDir(), 'empty')) });
    expect(report.knowledge.tracked).toBe(false);
    expect(html).toContain('还没有保存过版本');
    await t.close();
  });
});
