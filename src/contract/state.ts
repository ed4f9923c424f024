/**
 * State a channel keeps between requests: the reply already given to a message (for the
 * platform's retries) and the unsent parts of a long reply ("更多"). Interfaces only: in
 * memory for one process (storage/memory/), shared when several instances serve, so a
 * retry or a "更多" that reaches another instance is answered the same. Asynchronous
 * because a shared store is.
 *
 * Keys carry the channel's raw ids (a WeChat MsgId, an openid): a store that persists
 * them must hash them first.
 */

export interface ReplyDedupe {
  /**
   * The reply to a message key: `produce` runs once, and a retry of the same key (while it
   * is still running, or within the store's window afterwards) gets the very same reply.
   * A `produce` that fails is forgotten, so the next retry tries again.
   */
  once(key: string, produce: () => Promise<string>): Promise<string>;
}

export interface Continuations {
  /** Keep the unsent parts of a user's long reply, replacing what was kept; none forgets. */
  keep(user: string, parts: readonly string[]): Promise<void>;
  /** The next unsent part, taken out; undefined when nothing is kept (or it went idle). */
  next(user: string): Promise<string | undefined>;
}

/** A client's hits in the current window (express-rate-limit's ClientRateLimitInfo). */
export interface RateLimitHits {
  totalHits: number;
  resetTime: Date | undefined;
}

/**
 * Rate-limit counters shared by every instance: the shape of express-rate-limit's `Store`
 * (increment, decrement, reset), so a channel hands it to `rateLimit({ store })`. Keys
 * carry raw ids (an address, a user id): a store that persists them hashes them first.
 */
export interface RateLimitStore {
  init?(options: { windowMs: number }): void;
  increment(key: string): Promise<RateLimitHits>;
  decrement(key: string): Promise<void>;
  resetKey(key: string): Promise<void>;
  /** Counters of one store are separate from another's (per route and limit). */
  prefix?: string;
}
