/**
 * Shared state in memory (one process): sessions, replies kept for WeChat's retries, and
 * the unsent parts of long replies. The same behaviour is what a shared store must give.
 */
import { describe, expect, test } from '@jest/globals';
import { MemoryContinuations } from '../../src/storage/memory/continuations.js';
import { MemoryReplyDedupe } from '../../src/storage/memory/replies.js';
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

describe('MemoryReplyDedupe', () => {
  const later = <T>(value: T, ms = 20) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

  test('a retry while the first is still being answered gets the same reply; produce runs once', async () => {
    const replies = new MemoryReplyDedupe({ ttlMs: 60_000 });
    let runs = 0;
    const produce = () => {
      runs++;
      return later(`reply ${runs}`);
    };
    const all = await Promise.all([replies.once('msg:1', produce), replies.once('msg:1', produce), replies.once('msg:1', produce)]);
    expect(all).toEqual(['reply 1', 'reply 1', 'reply 1']);
    expect(await replies.once('msg:1', produce)).toBe('reply 1');
    expect(runs).toBe(1);
    expect(await replies.once('msg:2', produce)).toBe('reply 2');
  });

  test('a reply is forgotten after the window, a failed one at once (so a retry tries again)', async () => {
    let now = 0;
    const replies = new MemoryReplyDedupe({ ttlMs: 60_000, now: () => now });
    await replies.once('msg:1', async () => 'first');
    now += 61_000;
    expect(await replies.once('msg:1', async () => 'second')).toBe('second');
    await expect(replies.once('msg:3', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await replies.once('msg:3', async () => 'retried')).toBe('retried');
    now += 61_000;
    await replies.once('msg:4', async () => 'x');
    expect(replies.size).toBe(1); // the expired ones went
  });
});

describe('MemoryContinuations', () => {
  test('parts come out in order, once each; a new reply replaces them; none forgets', async () => {
    const more = new MemoryContinuations({ ttlMs: 60_000 });
    await more.keep('u', ['b', 'c']);
    expect(await more.next('u')).toBe('b');
    expect(await more.next('u')).toBe('c');
    expect(await more.next('u')).toBeUndefined();
    await more.keep('u', ['x', 'y']);
    await more.keep('u', ['z']);
    expect(await more.next('u')).toBe('z');
    await more.keep('u', ['w']);
    await more.keep('u', []);
    expect(await more.next('u')).toBeUndefined();
    expect(await more.next('someone else')).toBeUndefined();
  });

  test('parts go when the conversation goes idle, and the oldest go first beyond the cap', async () => {
    let now = 0;
    const more = new MemoryContinuations({ ttlMs: 30 * 60_000, max: 2, now: () => now });
    await more.keep('a', ['a2']);
    now += 31 * 60_000;
    expect(await more.next('a')).toBeUndefined();
    await more.keep('b', ['b2']);
    await more.keep('c', ['c2']);
    await more.keep('d', ['d2']);
    expect(more.size).toBe(2);
    expect(await more.next('b')).toBeUndefined();
    expect(await more.next('d')).toBe('d2');
  });
});
