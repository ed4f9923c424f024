/**
 * A lease in Redis: one instance holds a name at a time (SET NX with a TTL), renews it
 * while it lives, and gives it up on release; if it dies, the lease runs out and another
 * instance can take it. Used so that exactly one instance runs the Wechaty bot.
 */
import type { Redis } from 'ioredis';
import type { Lease } from '../shared.js';
import { PREFIX } from './keys.js';

/** Extend KEYS[1] by ARGV[2] ms if ARGV[1] still holds it. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export function redisLease(redis: Redis, name: string, holder: string, ttlMs = 15_000): Lease {
  const key = `${PREFIX}lease:${name}`;
  let held = false;
  let timer: NodeJS.Timeout | undefined;
  const lost: (() => void)[] = [];
  const drop = () => {
    held = false;
    clearInterval(timer);
    for (const h of lost) h();
  };
  const renew = async () => {
    try {
      if ((await redis.eval(RENEW, 1, key, holder, ttlMs)) !== 1) drop();
    } catch {
      // Redis unreachable: keep trying until the lease would have run out anyway.
    }
  };
  return {
    async acquire() {
      if (held) return true;
      held = (await redis.set(key, holder, 'PX', ttlMs, 'NX')) === 'OK';
      if (held) {
        timer = setInterval(() => void renew(), ttlMs / 3);
        timer.unref();
      }
      return held;
    },
    held: () => held,
    onLost: (handler) => void lost.push(handler),
    async release() {
      clearInterval(timer);
      if (held) await redis.eval(RELEASE, 1, key, holder).catch(() => {});
      held = false;
    },
  };
}
