/**
 * Shared state: what one process keeps in memory between requests and several instances
 * must share — conversation sessions, the replies already given to WeChat message ids
 * (with their retries), the unsent parts of long replies, and admin sessions. In memory today
 * (storage/memory/); a shared store (Redis) implements the same interfaces. Rate-limit
 * counters are not here: express-rate-limit takes a shared store of its own.
 */
import type { Continuations, ReplyDedupe } from '../contract/state.js';
import type { SessionStore } from '../dialog/session.js';
import type { AdminSessionStore } from './admin-sessions.js';

export interface SharedState {
  sessions: SessionStore;
  replies: ReplyDedupe;
  continuations: Continuations;
  /** Staff logged in to /admin (idle and absolute expiry; only hashes of the cookie ids kept). */
  adminSessions: AdminSessionStore;
  /** Let go of connections (nothing to do in memory). */
  close(): Promise<void>;
}
