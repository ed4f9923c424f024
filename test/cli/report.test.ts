/**
 * `npm run report`: the top demand signals from the server's store, read-only, as a
 * table and a CSV, for admins without a browser.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStorage } from '../../src/storage/open.js';
import { cleanTemps, ROOT, tempDir } from '../helpers.js';

afterAll(cleanTemps);

describe('report CLI', () => {
  test('prints the period and the signals and writes the CSV', async () => {
    const dataDir = tempDir();
    const dbPath = join(dataDir, 'wenzheng.sqlite');
    const storage = await openStorage({ dbPath });
    const base = { channel: 'test', userHash: 'h', itemId: null, field: null, score: 0, latencyMs: 1 } as const;
    storage.log.record({ ...base, at: new Date(), text: '养狗证怎么办', kind: 'fallback', signalKey: '养狗证' });
    storage.log.record({ ...base, at: new Date(), text: '养狗证在哪办', kind: 'fallback', signalKey: '养狗证' });
    storage.log.record({ ...base, at: new Date(), text: '身份证丢了', kind: 'answer', signalKey: null, itemId: 'idcard-lost' });
    await storage.close();

    const csv = join(dataDir, 'signals.csv');
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/admin/report-cli.ts'), '--since', '7d', '--csv', csv], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir },
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('3 条消息，问题 3 个，回答率 33.3%，未能回答 2 个');
    expect(r.stdout).toContain('养狗证');
    const written = readFileSync(csv, 'utf8');
    expect(written.charCodeAt(0)).toBe(0xfeff);
    expect(written).toContain('养狗证怎么办 | 养狗证在哪办');
  });

  test('a missing store is an error, not a new empty file', () => {
    const dataDir = tempDir();
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/admin/report-cli.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir },
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unable to open|does not exist|SQLITE_CANTOPEN/i);
  });
});
