/**
 * Shared state: what one process keeps in memory between requests and several instances
 * must share — conversation sessions, the replies already given to WeChat message ids
 * (with their retries), and the unsent parts of long replies. In memory today
 * (storage/memory/); a shared store (Redis) implements the same interfaces. Rate-limit
 * counters are not here: express-rate-limit takes a shared store of its own.
 */
import type { Continuations, ReplyDedupe } from '../contract/state.js';
import type { SessionStore } from '../dialog/session.js';

export interface SharedState {
  sessions: SessionStore;
  replies: ReplyDedupe;
  continuations: Continuations;
  /** Let go of connections (nothing to do in memory). */
  close(): Promise<void>;
}
