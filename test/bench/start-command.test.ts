import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNodeFlags } from '../../bench/start-command.js';

const ROOT = resolve(import.meta.dirname, '../..');

function projectWithStart(start: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wz-start-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { start } }));
  return dir;
}

describe('the node flags npm start uses (what bench and soak start)', () => {
  it('reads them from the project package.json, the young generation capped for a small footprint', () => {
    const flags = startNodeFlags(ROOT);
    expect(flags).toContain('--expose-gc');
    expect(flags.some((f) => /^--max-semi-space-size=\d+$/.test(f))).toBe(true);
  });

  it('handles a start script with no flags', () => {
    expect(startNodeFlags(projectWithStart('npm run build && node dist/main.js'))).toEqual([]);
  });

  it('refuses a start script that does not run dist/main.js with node', () => {
    expect(() => startNodeFlags(projectWithStart('tsx src/main.ts'))).toThrow(/does not end with/);
  });
});
