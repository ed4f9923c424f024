/**
 * Unsent parts of long replies ("更多") in Redis: a list per user (keyed hash), replaced
 * by each new long reply, popped one part per "更多", gone after the idle time — so a
 * "更多" that reaches another instance continues the same reply.
 */
import type { Redis } from 'ioredis';
import type { Continuations } from '../../contract/state.js';
import type { KeyOf } from './keys.js';

export class RedisContinuations implements Continuations {
  constructor(
    private readonly redis: Redis,
    private readonly key: KeyOf,
    private readonly options: { ttlMs: number },
  ) {}

  async keep(user: string, parts: readonly string[]): Promise<void> {
    const k = this.key('c', user);
    const tx = this.redis.multi().del(k);
    if (parts.length) tx.rpush(k, ...parts).pexpire(k, this.options.ttlMs);
    await tx.exec();
  }

  async next(user: string): Promise<string | undefined> {
    return (await this.redis.lpop(this.key('c', user))) ?? undefined;
  }
}
