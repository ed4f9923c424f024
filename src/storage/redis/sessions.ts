/**
 * Conversation sessions in Redis, shared by every instance: one JSON value per user (the
 * key a keyed hash of the user id), expiring after the idle time.
 *
 * `update` is atomic by compare-and-set: read the session, run the synchronous turn on it,
 * and write it back only if nobody wrote it meanwhile (a Lua script compares the stored
 * value with the one read); on a conflict the turn runs again on the fresh session, after
 * a short random pause. Two instances answering the same citizen at once therefore never
 * lose a turn. Within one instance a user's turns queue up (they would only conflict).
 */
import type { Redis, Result } from 'ioredis';
import { freshSession, type Session, type SessionStore } from '../../dialog/session.js';
import type { KeyOf } from './keys.js';

/** Set KEYS[1] to ARGV[2] (with a TTL of ARGV[3] ms) only if it still holds ARGV[1] ('' = nothing). */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] == '') or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    wzCompareAndSet(key: string, expected: string, value: string, ttlMs: number): Result<number, Context>;
  }
}

export function defineCommands(redis: Redis): void {
  redis.defineCommand('wzCompareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET });
}

/** Conflicting writes retried at most this often before the update gives up (and the engine answers politely). */
const MAX_TRIES = 50;

export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: KeyOf,
    private readonly options: { idleMinutes: number; now?: () => number },
  ) {}

  /** Per user: the tail of this instance's queue of turns. */
  private readonly queues = new Map<string, Promise<unknown>>();

  update<T>(key: string, turn: (session: Session) => T): Promise<T> {
    const previous = this.queues.get(key);
    const run = previous ? previous.then(() => this.attempt(key, turn), () => this.attempt(key, turn)) : this.attempt(key, turn);
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }

  private async attempt<T>(key: string, turn: (session: Session) => T): Promise<T> {
    const k = this.key('s', key);
    const idleMs = this.options.idleMinutes * 60_000;
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const stored = await this.redis.get(k);
      const now = (this.options.now ?? Date.now)();
      let session = stored ? (JSON.parse(stored) as Session) : undefined;
      if (!session || now - session.lastSeen > idleMs) session = freshSession(now);
      session.lastSeen = now;
      const result = turn(session);
      if ((await this.redis.wzCompareAndSet(k, stored ?? '', JSON.stringify(session), idleMs)) === 1) return result;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
    }
    throw new Error(`session update conflicted ${MAX_TRIES} times`);
  }
}
