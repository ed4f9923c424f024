/**
 * Admin sessions in Redis, so a member of staff logged in through one instance stays
 * logged in whichever instance serves the next page, and logging out (or a disabled
 * account) ends the session everywhere. Keys are the SHA-256 of the cookie id (a copy of
 * Redis holds no usable cookie); each session expires after the idle time, moved on by
 * every use, and never outlives the absolute limit. An account's sessions are listed in a
 * set, so they can all be ended at once.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ADMIN_IDLE_MS, ADMIN_MAX_MS, type AdminSessionData, type AdminSessionStore } from '../admin-sessions.js';
import { sessionKey } from '../memory/admin-sessions.js';
import { PREFIX } from './keys.js';

const key = (hash: string) => `${PREFIX}a:${hash}`;
const userKey = (userId: number) => `${PREFIX}au:${userId}`;

export class RedisAdminSessions implements AdminSessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly options: { idleMs?: number; maxMs?: number } = {},
  ) {}

  private get idleMs(): number {
    return this.options.idleMs ?? ADMIN_IDLE_MS;
  }

  async create(data: Omit<AdminSessionData, 'createdAt' | 'lastSeen'>): Promise<string> {
    const id = randomBytes(32).toString('hex');
    const now = Date.now();
    const hash = sessionKey(id);
    await this.redis
      .multi()
      .set(key(hash), JSON.stringify({ ...data, createdAt: now, lastSeen: now }), 'PX', this.idleMs)
      .sadd(userKey(data.userId), hash)
      .pexpire(userKey(data.userId), this.options.maxMs ?? ADMIN_MAX_MS)
      .exec();
    return id;
  }

  async get(id: string): Promise<AdminSessionData | undefined> {
    const k = key(sessionKey(id));
    const stored = await this.redis.get(k);
    if (!stored) return undefined;
    const s = JSON.parse(stored) as AdminSessionData;
    const now = Date.now();
    if (now - s.createdAt > (this.options.maxMs ?? ADMIN_MAX_MS)) {
      await this.redis.del(k);
      return undefined;
    }
    s.lastSeen = now;
    // Each use moves the idle end on (but never past the absolute one).
    await this.redis.set(k, JSON.stringify(s), 'PX', Math.max(1, Math.min(this.idleMs, s.createdAt + (this.options.maxMs ?? ADMIN_MAX_MS) - now)), 'XX');
    return s;
  }

  async update(id: string, patch: Partial<Pick<AdminSessionData, 'mustChangePassword' | 'role'>>): Promise<void> {
    const k = key(sessionKey(id));
    const stored = await this.redis.get(k);
    if (stored) await this.redis.set(k, JSON.stringify({ ...(JSON.parse(stored) as AdminSessionData), ...patch }), 'KEEPTTL', 'XX');
  }

  async delete(id: string): Promise<void> {
    await this.redis.del(key(sessionKey(id)));
  }

  async deleteUser(userId: number, except?: string): Promise<void> {
    const keep = except ? sessionKey(except) : undefined;
    const hashes = (await this.redis.smembers(userKey(userId))).filter((h) => h !== keep);
    if (hashes.length) await this.redis.multi().del(...hashes.map(key)).srem(userKey(userId), ...hashes).exec();
  }
}
