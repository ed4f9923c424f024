/**
 * Admin sessions in this process's memory (one instance): a Map from the SHA-256 of the
 * cookie id to the session, idle and absolute expiry checked on every read, bounded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ADMIN_IDLE_MS, ADMIN_MAX_MS, type AdminSessionData, type AdminSessionStore } from '../admin-sessions.js';

const MAX_SESSIONS = 10_000;

export const sessionKey = (id: string) => createHash('sha256').update(id).digest('hex');

export interface MemoryAdminSessionOptions {
  idleMs?: number;
  maxMs?: number;
  /** The clock (tests move it on). */
  now?: () => number;
}

export class MemoryAdminSessions implements AdminSessionStore {
  private readonly sessions = new Map<string, AdminSessionData>();
  private readonly idleMs: number;
  private readonly maxMs: number;
  private readonly now: () => number;

  constructor(options: MemoryAdminSessionOptions = {}) {
    this.idleMs = options.idleMs ?? ADMIN_IDLE_MS;
    this.maxMs = options.maxMs ?? ADMIN_MAX_MS;
    this.now = options.now ?? Date.now;
  }

  async create(data: Omit<AdminSessionData, 'createdAt' | 'lastSeen'>): Promise<string> {
    const id = randomBytes(32).toString('hex');
    const now = this.now();
    this.sessions.set(sessionKey(id), { ...data, createdAt: now, lastSeen: now });
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value ?? '');
    return id;
  }

  async get(id: string): Promise<AdminSessionData | undefined> {
    const key = sessionKey(id);
    const s = this.sessions.get(key);
    if (!s) return undefined;
    const now = this.now();
    if (now - s.lastSeen > this.idleMs || now - s.createdAt > this.maxMs) {
      this.sessions.delete(key);
      return undefined;
    }
    s.lastSeen = now;
    return { ...s };
  }

  async update(id: string, patch: Partial<Pick<AdminSessionData, 'mustChangePassword' | 'role'>>): Promise<void> {
    const s = this.sessions.get(sessionKey(id));
    if (s) Object.assign(s, patch);
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(sessionKey(id));
  }

  async deleteUser(userId: number, except?: string): Promise<void> {
    const keep = except ? sessionKey(except) : undefined;
    for (const [key, s] of this.sessions) if (s.userId === userId && key !== keep) this.sessions.delete(key);
  }
}
