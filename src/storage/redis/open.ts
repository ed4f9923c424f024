/**
 * Shared state in Redis (ioredis), for several instances: one command connection (and a
 * subscriber for knowledge announcements). Commands time out quickly, so a Redis that is
 * down makes a citizen's request fail politely (the engine's fallback) instead of hanging.
 */
import { Redis } from 'ioredis';
import type { SharedState } from '../shared.js';
import { RedisAdminSessions } from './admin-sessions.js';
import { RedisContinuations } from './continuations.js';
import { keyHasher } from './keys.js';
import { RedisKnowledgeVersions } from './knowledge.js';
import { redisLease } from './lease.js';
import { redisRateLimits } from './rate-limits.js';
import { RedisReplyDedupe } from './replies.js';
import { defineCommands, RedisSessionStore } from './sessions.js';

export interface RedisStateOptions {
  url: string;
  /** The user-hash secret every instance shares: keys are keyed hashes. */
  secret: string;
  instance: string;
  sessionIdleMinutes: number;
  replyTtlMs: number;
  onError?: (err: unknown) => void;
}

export async function openRedisState(options: RedisStateOptions): Promise<SharedState> {
  const redis = new Redis(options.url, { maxRetriesPerRequest: 2, connectTimeout: 3_000, commandTimeout: 2_000, lazyConnect: true });
  redis.on('error', (err) => options.onError?.(err));
  await redis.connect();
  defineCommands(redis);
  const key = keyHasher(options.secret);
  const idleMs = options.sessionIdleMinutes * 60_000;
  return {
    kind: 'redis',
    instance: options.instance,
    sessions: new RedisSessionStore(redis, key, { idleMinutes: options.sessionIdleMinutes }),
    replies: new RedisReplyDedupe(redis, key, { ttlMs: options.replyTtlMs }),
    continuations: new RedisContinuations(redis, key, { ttlMs: idleMs }),
    rateLimits: redisRateLimits(redis, key),
    adminSessions: new RedisAdminSessions(redis),
    knowledge: new RedisKnowledgeVersions(redis, options.instance),
    lease: (name) => redisLease(redis, name, options.instance),
    close: async () => {
      // QUIT waits for Redis to answer; a Redis that is gone would keep it (and the reconnects) going.
      await Promise.race([redis.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000).unref())]);
      redis.disconnect();
    },
  };
}
