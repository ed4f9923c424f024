/**
 * Sessions: what the bot remembers of a conversation, per user, until it goes idle.
 *
 * The topic lets "要什么材料" after "居住证怎么办" stay on 居住证; pending options let a
 * citizen answer a numbered menu with "1". Sessions live in memory (they are short and
 * disposable) and are bounded: idle ones expire, and the oldest go first when full.
 */
import type { ReplyOption } from '../contract/reply.js';

export interface Session {
  /** The item the conversation is about. */
  topic: string | null;
  /** The numbered options last offered, and the section asked for when they were offered. */
  options: readonly ReplyOption[];
  pendingField: string | null;
  lastSeen: number;
}

export interface SessionStoreOptions {
  idleMinutes: number;
  maxSessions: number;
  now?: () => number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The user's live session (a fresh one if none or expired), marked as just used. */
  get(key: string): Session {
    const now = this.now();
    let s = this.sessions.get(key);
    if (s) this.sessions.delete(key); // re-insert below: Map order is least recently used first
    if (!s || now - s.lastSeen > this.options.idleMinutes * 60_000) {
      s = { topic: null, options: [], pendingField: null, lastSeen: now };
    }
    s.lastSeen = now;
    this.sessions.set(key, s);
    while (this.sessions.size > this.options.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    return s;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Drop idle sessions (called now and then; `get` also ignores them). */
  sweep(): void {
    const cutoff = this.now() - this.options.idleMinutes * 60_000;
    for (const [key, s] of this.sessions) {
      if (s.lastSeen >= cutoff) break; // the rest are newer
      this.sessions.delete(key);
    }
  }
}
