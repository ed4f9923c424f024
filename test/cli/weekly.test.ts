/**
 * `npm run report -- --weekly --pdf out.pdf`: the weekly report printed to PDF by the
 * system's Chromium, from a store a real engine wrote. Read back with poppler
 * (pdfinfo, pdftotext): pages, the top demand's label, no personal data.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine.js';
import { openStorage } from '../../src/storage/open.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, ROOT, tempDir, unmetRecord } from '../helpers.js';

afterAll(cleanTemps);

const DAY = 86_400_000;
const tool = (name: string, args: string[]) => {
  const r = spawnSync(name, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${name} is needed for this test: apt-get install -y poppler-utils`);
  return r;
};
const squash = (s: string) => s.replace(/\s+/g, '');

function report(dataDir: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/admin/report-cli.ts'), '--weekly', ...args], {
    cwd: dataDir,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, KNOWLEDGE_DIR, INTENTS_DIR, ...env },
    timeout: 120_000,
  });
}

describe('weekly report', () => {
  const dataDir = tempDir();
  let topLabel = '';

  beforeAll(async () => {
    const storage = await openStorage({ dbPath: join(dataDir, 'wenzheng.sqlite') });
    const engine = new Engine({ knowledgeDir: KNOWLEDGE_DIR, intentsDir: INTENTS_DIR, log: storage.log, hashUser: userHasher('weekly') });
    const ask = (text: string, user = 'weekly') => engine.ask({ user, text, channel: 'test' });
    // Last week: one demand asked once (it grows this week).
    storage.log.record(unmetRecord({ at: new Date(Date.now() - 10 * DAY), text: '护照怎么办理', signalKey: '护照怎么办理' }));
    await storage.log.flush();
    engine.loadSignals(await storage.reports.signalExamples());
    // This week: a new demand asked most, the old one again, an unhelpful answer, personal data.
    for (const q of ['无犯罪证明怎么开', '开无犯罪记录证明去哪里', '单位让开无犯罪记录证明 要带啥', '无犯罪证明多久能开出来']) await ask(q);
    for (const q of ['护照在哪里办', '第一次办护照要什么材料']) await ask(q);
    await ask('我手机13712345678 身份证丢了怎么补办', 'weekly-fb');
    await ask('没用', 'weekly-fb');
    await storage.close();
    const signals = await (async () => {
      const s = await openStorage({ dbPath: join(dataDir, 'wenzheng.sqlite') });
      const rows = await s.reports.signals({ kind: 'unmet' });
      await s.close();
      return rows;
    })();
    const noCrime = signals.find((s) => s.examples.includes('无犯罪证明怎么开'));
    expect(noCrime?.count).toBe(4);
    topLabel = noCrime?.label ?? '';
    expect(topLabel).toContain('无犯罪');
  }, 60_000);

  test('--pdf writes a PDF with the top demand’s label, the sections, and no personal data', () => {
    const out = join(dataDir, 'week.pdf');
    const r = report(dataDir, ['--pdf', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`“${topLabel}”`);
    const info = tool('pdfinfo', [out]).stdout;
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(0);
    const text = squash(tool('pdftotext', ['-enc', 'UTF-8', out, '-']).stdout);
    expect(text).toContain('群众需求周报');
    expect(text).toContain(squash(topLabel));
    for (const heading of ['总体情况', '本周新出现的群众需求', '增长最快的群众需求', '有用率最低的事项', '本周知识库的修改']) expect(text).toContain(heading);
    expect(text).toContain('护照'); // the growing demand
    expect(text).toContain('居民身份证遗失补领'); // the item found unhelpful
    expect(text).not.toContain('13712345678');
  }, 120_000);

  test('without Chromium it writes the HTML and says how to get a PDF', () => {
    const out = join(dataDir, 'nochrome.pdf');
    const r = report(dataDir, ['--pdf', out], { CHROMIUM_PATH: join(dataDir, 'no-such-chromium') });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('apt-get install -y chromium');
    expect(existsSync(out)).toBe(false);
    const html = readFileSync(join(dataDir, 'nochrome.html'), 'utf8');
    expect(html).toContain(topLabel);
    expect(html).not.toContain('13712345678');
  }, 120_000);
});
