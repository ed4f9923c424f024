/**
 * Replies by message key, in memory, for one process: WeChat retries a message it got no
 * answer to within 5 s (up to three times), and each retry must get the reply the first
 * got, and the log one row. A reply is kept while it is being worked out (a retry can
 * arrive meanwhile) and for a minute after.
 */
import type { ReplyDedupe } from '../../contract/state.js';

export interface MemoryReplyOptions {
  /** How long a reply is kept for retries. */
  ttlMs: number;
  now?: () => number;
}

export class MemoryReplyDedupe implements ReplyDedupe {
  /** Oldest first (insertion order), so expiry stops at the first fresh one. */
  private readonly replies = new Map<string, { reply: Promise<string>; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: MemoryReplyOptions) {
    this.now = options.now ?? Date.now;
  }

  once(key: string, produce: () => Promise<string>): Promise<string> {
    const now = this.now();
    for (const [k, v] of this.replies) {
      if (now - v.at < this.options.ttlMs) break;
      this.replies.delete(k);
    }
    const kept = this.replies.get(key);
    if (kept) return kept.reply;
    const reply = produce();
    this.replies.set(key, { reply, at: now });
    reply.catch(() => {
      if (this.replies.get(key)?.reply === reply) this.replies.delete(key);
    });
    return reply;
  }

  get size(): number {
    return this.replies.size;
  }
}
