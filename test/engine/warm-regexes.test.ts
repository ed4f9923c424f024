/**
 * A brain from the reload worker has its patterns compiled before it serves, a few
 * milliseconds at a time (src/engine/warm-regexes.ts): every pattern reachable through
 * objects, arrays, Maps and Sets is run, none is left mid-match, and a long walk yields.
 */
import { describe, expect, test } from '@jest/globals';
import { compileRegexesIn } from '../../src/engine/warm-regexes.js';
import { combineList } from '../../src/intents/match.js';
import type { Pattern } from '../../src/intents/types.js';

describe('compiling a brain\'s patterns before it serves', () => {
  test('finds patterns wherever the brain keeps them, and leaves global ones ready to match from the start', async () => {
    const global = /身份证/gu;
    const sticky = /sfz/y;
    const keyed = /户口/u;
    const shared = /居住证/u;
    const root = {
      intents: { cues: [{ patterns: [global, shared] }], sets: new Set([sticky, shared]) },
      byKey: new Map<unknown, unknown>([[keyed, 'x'], ['y', { deep: [[shared]] }]]),
      weights: new Float32Array(8),
      text: '不是正则',
    };
    let yields = 0;
    const n = await compileRegexesIn(root, async () => void yields++);
    expect(n).toBe(4); // shared is counted once
    expect(global.lastIndex).toBe(0);
    expect(sticky.lastIndex).toBe(0);
    expect(global.exec('补身份证')?.index).toBe(1);
  });

  test('a list of intent patterns is compiled as the one expression it is matched as', async () => {
    const cues: Pattern[] = [{ text: '砸门' }, { regex: /拿着?刀/u }];
    const n = await compileRegexesIn({ emergency: { cues } }, async () => {});
    expect(n).toBe(2); // the list's regex, and the list joined
    expect(combineList(cues)?.test('有人拿刀')).toBe(true);
  });

  test('a long walk yields to requests between slices', async () => {
    const root = Array.from({ length: 200_000 }, (_, i) => ({ n: i, nested: { re: i % 1000 === 0 ? new RegExp(`x${i}`, 'u') : null } }));
    let yields = 0;
    const n = await compileRegexesIn(root, () => new Promise<void>((resolve) => setImmediate(() => (yields++, resolve()))));
    expect(n).toBe(200);
    expect(yields).toBeGreaterThan(0);
  });
});
