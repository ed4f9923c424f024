/**
 * Replies by message key in Redis, so a WeChat retry that reaches another instance gets
 * the reply the first instance gave, and the log one row.
 *
 * The first instance to see a key claims it (SET NX with a short lease) and produces the
 * reply; the reply is then stored under the key for the window. Another instance (or a
 * retry while the first is still working) finds the claim and waits for the reply,
 * polling; if the claimer fails it drops the claim, and if it dies the lease runs out, so
 * a later retry claims the key and answers. Within one process, concurrent retries share
 * one promise and do not poll at all.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ReplyDedupe } from '../../contract/state.js';
import type { KeyOf } from './keys.js';

export interface RedisReplyOptions {
  /** How long a reply is kept for retries. */
  ttlMs: number;
  /** How long a claim lasts without a reply (the claimer may have died). */
  claimMs?: number;
  /** How long a waiter waits for another instance's reply before giving up. */
  waitMs?: number;
}

const PENDING = 'p:';
const DONE = 'd:';

/** Delete KEYS[1] only if it still holds our claim (ARGV[1]). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class RedisReplyDedupe implements ReplyDedupe {
  private readonly local = new Map<string, Promise<string>>();

  constructor(
    private readonly redis: Redis,
    private readonly key: KeyOf,
    private readonly options: RedisReplyOptions,
  ) {}

  once(key: string, produce: () => Promise<string>): Promise<string> {
    const running = this.local.get(key);
    if (running) return running;
    const reply = this.shared(this.key('r', key), produce).finally(() => this.local.delete(key));
    this.local.set(key, reply);
    return reply;
  }

  private async shared(k: string, produce: () => Promise<string>): Promise<string> {
    const claimMs = this.options.claimMs ?? 15_000;
    const deadline = Date.now() + (this.options.waitMs ?? 20_000);
    const claim = PENDING + randomBytes(8).toString('hex');
    for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
      if ((await this.redis.set(k, claim, 'PX', claimMs, 'NX')) === 'OK') {
        let reply: string;
        try {
          reply = await produce();
        } catch (err) {
          await this.redis.eval(RELEASE, 1, k, claim).catch(() => {});
          throw err;
        }
        await this.redis.set(k, DONE + reply, 'PX', this.options.ttlMs);
        return reply;
      }
      const stored = await this.redis.get(k);
      if (stored?.startsWith(DONE)) return stored.slice(DONE.length);
      if (Date.now() > deadline) throw new Error('timed out waiting for another instance to answer this message');
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}
