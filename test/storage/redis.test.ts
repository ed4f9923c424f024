/**
 * Shared state in a real Redis (redis-server on a free port), seen from two instances
 * (two connections with the same secret, as two processes would have): sessions updated
 * atomically under contention, one reply per message key across instances, "更多" parts,
 * admin logins, rate-limit counters, knowledge announcements and the Wechaty lease — and
 * no raw id anywhere in Redis.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Redis } from 'ioredis';
import { redisLease } from '../../src/storage/redis/lease.js';
import { openRedisState } from '../../src/storage/redis/open.js';
import type { SharedState } from '../../src/storage/shared.js';
import { services, startRedis, type RedisServer } from '../services.js';

const missing = services().redis;
if (missing) console.warn(`SKIPPED: Redis shared-state tests: ${missing}`);

(missing ? describe.skip : describe)('shared state in Redis, two instances', () => {
  let server: RedisServer;
  let a: SharedState;
  let b: SharedState;
  let raw: Redis;
  const open = (instance: string) => openRedisState({ url: server.url, secret: 'shared-secret', instance, sessionIdleMinutes: 30, replyTtlMs: 60_000 });

  beforeAll(async () => {
    server = await startRedis();
    [a, b] = await Promise.all([open('a'), open('b')]);
    raw = new Redis(server.url);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), raw?.quit()]);
    await server?.stop();
  });

  /** Every key and value in Redis, as one string. */
  const everything = async () => {
    const keys = await raw.keys('*');
    const values = await Promise.all(keys.map(async (k) => ((await raw.type(k)) === 'string' ? await raw.get(k) : (await raw.type(k)) === 'list' ? (await raw.lrange(k, 0, -1)).join() : '')));
    return keys.join('\n') + values.join('\n');
  };

  test('concurrent turns on one session from both instances: none is lost', async () => {
    const turns = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a : b).sessions.update('wechat:oOpenid123', (s) => {
        s.pendingField = String(Number(s.pendingField ?? 0) + 1);
        return s.pendingField;
      }),
    );
    const results = await Promise.all(turns);
    expect(new Set(results).size).toBe(40); // each turn saw a different count: they ran one after another
    expect(await a.sessions.update('wechat:oOpenid123', (s) => s.pendingField)).toBe('40');
  });

  test('a session written on one instance is read on the other; a throwing turn changes nothing', async () => {
    await a.sessions.update('web:u1', (s) => {
      s.topic = 'residence-permit-apply';
      s.options = [{ n: 1, id: 'residence-permit-apply#所需材料', title: '所需材料' }];
    });
    expect(await b.sessions.update('web:u1', (s) => [s.topic, s.options])).toEqual(['residence-permit-apply', [{ n: 1, id: 'residence-permit-apply#所需材料', title: '所需材料' }]]);
    await expect(
      b.sessions.update('web:u1', (s) => {
        s.topic = 'other';
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await a.sessions.update('web:u1', (s) => s.topic)).toBe('residence-permit-apply');
  });

  test('the same message key on both instances: produced once, the same reply to every retry', async () => {
    let runs = 0;
    const produce = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return `reply ${runs}`;
    };
    const all = await Promise.all([a.replies.once('msg:98765432101234', produce), b.replies.once('msg:98765432101234', produce), b.replies.once('msg:98765432101234', produce), a.replies.once('msg:98765432101234', produce)]);
    expect(all).toEqual(['reply 1', 'reply 1', 'reply 1', 'reply 1']);
    expect(await b.replies.once('msg:98765432101234', produce)).toBe('reply 1');
    expect(runs).toBe(1);
  });

  test('a failed reply is forgotten at once, so the retry on the other instance answers', async () => {
    await expect(a.replies.once('msg:888', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await b.replies.once('msg:888', async () => 'retried')).toBe('retried');
  });

  test('"更多" parts kept on one instance continue on the other', async () => {
    await a.continuations.keep('oOpenid123', ['part 2', 'part 3']);
    expect(await b.continuations.next('oOpenid123')).toBe('part 2');
    expect(await a.continuations.next('oOpenid123')).toBe('part 3');
    expect(await b.continuations.next('oOpenid123')).toBeUndefined();
    await a.continuations.keep('oOpenid123', ['x']);
    await b.continuations.keep('oOpenid123', []);
    expect(await a.continuations.next('oOpenid123')).toBeUndefined();
  });

  test('an admin login made on one instance is known to the other; its changes, logout and the end of an account reach every instance', async () => {
    const staff = { userId: 7, name: '张三', role: 'editor' as const, csrf: 'c'.repeat(32), mustChangePassword: true };
    const id = await a.adminSessions.create(staff);
    expect(await b.adminSessions.get(id)).toMatchObject(staff);
    await b.adminSessions.update(id, { mustChangePassword: false, role: 'viewer' });
    expect(await a.adminSessions.get(id)).toMatchObject({ mustChangePassword: false, role: 'viewer' });
    expect(await b.adminSessions.get('f'.repeat(64))).toBeUndefined();
    await b.adminSessions.delete(id);
    expect(await a.adminSessions.get(id)).toBeUndefined();
    const [one, two] = [await a.adminSessions.create(staff), await b.adminSessions.create(staff)];
    await a.adminSessions.deleteUser(7, two);
    expect(await b.adminSessions.get(one)).toBeUndefined();
    expect(await a.adminSessions.get(two)).toBeDefined();
  });

  test('rate-limit counters add up across instances', async () => {
    const [sa, sb] = [a.rateLimits?.('test'), b.rateLimits?.('test')];
    if (!sa || !sb) throw new Error('Redis state has rate-limit stores');
    sa.init?.({ windowMs: 60_000 });
    sb.init?.({ windowMs: 60_000 });
    await sa.increment('203.0.113.7');
    await sb.increment('203.0.113.7');
    expect((await sa.increment('203.0.113.7')).totalHits).toBe(3);
    await sb.resetKey('203.0.113.7');
    expect((await sa.increment('203.0.113.7')).totalHits).toBe(1);
  });

  test('a published knowledge version is announced to the other instance with its files', async () => {
    const heard: string[] = [];
    const unsubscribe = await b.knowledge.subscribe((v) => heard.push(`${v.from}:${v.hash}`));
    await a.knowledge.publish('hash-1', new Map([['knowledge/items/a.md', '# a']]));
    const end = Date.now() + 5_000;
    while (!heard.length && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(heard).toEqual(['a:hash-1']);
    expect(await b.knowledge.current()).toBe('hash-1');
    expect(await b.knowledge.files('hash-1')).toEqual(new Map([['knowledge/items/a.md', '# a']]));
    expect(await b.knowledge.files('nope')).toBeNull();
    await unsubscribe();
  });

  test('one lease holder at a time; a release or a lost lease lets the other take it', async () => {
    const la = a.lease('runner');
    const lb = b.lease('runner');
    expect(await la.acquire()).toBe(true);
    expect(await lb.acquire()).toBe(false);
    await la.release();
    expect(await lb.acquire()).toBe(true);
    await lb.release();

    const short = redisLease(raw, 'short', 'x', 300);
    let lost = 0;
    short.onLost(() => lost++);
    expect(await short.acquire()).toBe(true);
    await raw.set('wz:lease:short', 'someone else');
    const end = Date.now() + 3_000;
    while (!lost && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(lost).toBe(1);
    expect(short.held()).toBe(false);
  });

  test('nothing in Redis names a raw id (openid, MsgId, address, admin cookie)', async () => {
    const id = await a.adminSessions.create({ userId: 8, name: '李四', role: 'admin', csrf: 'd'.repeat(32), mustChangePassword: false });
    const dump = await everything();
    for (const rawId of ['oOpenid123', 'msg:98765432101234', '98765432101234', '203.0.113.7', 'web:u1', id]) expect(dump).not.toContain(rawId);
  });
});
