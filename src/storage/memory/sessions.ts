/**
 * Sessions in memory, for one process: bounded, because idle ones expire and the least
 * recently used go first when full. Sessions are kept as objects, never copied, so the
 * options a session holds are the item's own frozen menu (dialog/compose.ts), shared by
 * every session that was offered it: a hundred thousand sessions stay small.
 */
import { freshSession, type Session, type SessionStore } from '../../dialog/session.js';

export interface MemorySessionOptions {
  idleMinutes: number;
  maxSessions: number;
  now?: () => number;
}

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly options: MemorySessionOptions) {
    this.now = options.now ?? Date.now;
  }

  async update<T>(key: string, turn: (session: Session) => T): Promise<T> {
    return turn(this.live(key));
  }

  /** The user's live session (a fresh one if none or expired), marked as just used. */
  private live(key: string): Session {
    const now = this.now();
    let s = this.sessions.get(key);
    if (s) this.sessions.delete(key); // re-insert below: Map order is least recently used first
    if (!s || now - s.lastSeen > this.options.idleMinutes * 60_000) s = freshSession(now);
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

  /** Drop idle sessions (called now and then; `update` also ignores them). */
  sweep(): void {
    const cutoff = this.now() - this.options.idleMinutes * 60_000;
    for (const [key, s] of this.sessions) {
      if (s.lastSeen >= cutoff) break; // the rest are newer
      this.sessions.delete(key);
    }
  }
}
