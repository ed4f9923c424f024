import { describe, expect, test } from '@jest/globals';
import { BoundedCache } from '../../src/text/bounded-cache.js';

describe('BoundedCache', () => {
  test('computes once per key, and when full lets the oldest entry go', () => {
    const computed: string[] = [];
    const cache = new BoundedCache<string, number>(2);
    const length = (k: string) => (computed.push(k), k.length);
    expect(cache.get('a', length)).toBe(1);
    expect(cache.get('a', length)).toBe(1);
    cache.get('bb', length);
    cache.get('ccc', length); // full: 'a' goes, 'bb' stays
    cache.get('bb', length);
    cache.get('a', length);
    expect(computed).toEqual(['a', 'bb', 'ccc', 'a']);
  });

  test('empties when what its values depend on moves (a grown dictionary)', () => {
    let generation = 0;
    let calls = 0;
    const cache = new BoundedCache<string, number>(8, () => generation);
    cache.get('x', () => ++calls);
    cache.get('x', () => ++calls);
    generation++;
    expect(cache.get('x', () => ++calls)).toBe(2);
  });
});
