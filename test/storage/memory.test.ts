/**
 * Sessions in memory (one process). The same behaviour is what a shared store must give.
 */
import { describe, expect, test } from '@jest/globals';
import { MemorySessionStore } from '../../src/storage/memory/sessions.js';

describe('MemorySessionStore', () => {
  test('sessions expire after idle minutes and are bounded', async () => {
    let now = 0;
    const store = new MemorySessionStore({ idleMinutes: 30, maxSessions: 2, now: () => now });
    const topic = (key: string) => store.update(key, (s) => s.topic);
    await store.update('a', (s) => {
      s.topic = 'x';
    });
    now += 29 * 60_000;
    expect(await topic('a')).toBe('x');
    now += 31 * 60_000;
    expect(await topic('a')).toBeNull();
    await topic('b');
    await topic('c');
    expect(store.size).toBe(2);
    now += 31 * 60_000;
    store.sweep();
    expect(store.size).toBe(0);
  });

  test('a session is kept as the same object, so its options stay the item’s shared menu', async () => {
    const store = new MemorySessionStore({ idleMinutes: 30, maxSessions: 10 });
    const menu = Object.freeze([Object.freeze({ n: 1, id: 'a#所需材料', title: '所需材料' })]);
    await store.update('u', (s) => {
      s.options = menu;
    });
    expect(await store.update('u', (s) => s.options)).toBe(menu);
  });

  test('a turn that throws rejects the update', async () => {
    const store = new MemorySessionStore({ idleMinutes: 30, maxSessions: 10 });
    await expect(
      store.update('u', () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
