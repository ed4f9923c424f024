/**
 * Rate-limit counters in Redis (rate-limit-redis, the store express-rate-limit documents),
 * so a limit counts a client's requests across every instance. Client keys (an address, a
 * user id) are hashed before they reach Redis.
 */
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { RateLimitHits, RateLimitStore } from '../../contract/state.js';
import type { KeyOf } from './keys.js';

export function redisRateLimits(redis: Redis, key: KeyOf): (prefix: string) => RateLimitStore {
  return (prefix) => {
    const store = new RedisStore({
      prefix: `wz:rl:${prefix}:`,
      sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
    });
    const hashed = (k: string) => key('rl', k).slice('wz:rl:'.length);
    return {
      prefix,
      // express-rate-limit calls init with its options (the window); rate-limit-redis reads windowMs.
      init: (options) => store.init(options as Parameters<RedisStore['init']>[0]),
      increment: (k): Promise<RateLimitHits> => store.increment(hashed(k)),
      decrement: (k) => store.decrement(hashed(k)),
      resetKey: (k) => store.resetKey(hashed(k)),
    };
  };
}
