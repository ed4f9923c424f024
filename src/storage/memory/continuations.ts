/**
 * Unsent parts of long replies ("更多"), in memory, for one process: a passive
 * official-account reply holds about 2 KB, so a long answer goes in parts and the citizen
 * sends "更多" for the next. Kept as long as a conversation lasts idle, and for at most
 * `max` citizens (the oldest go first).
 */
import type { Continuations } from '../../contract/state.js';

export interface MemoryContinuationOptions {
  ttlMs: number;
  max?: number;
  now?: () => number;
}

export class MemoryContinuations implements Continuations {
  /** Oldest first: a keep() re-inserts its user last. */
  private readonly kept = new Map<string, { parts: string[]; at: number }>();
  private readonly now: () => number;
  private readonly max: number;

  constructor(private readonly options: MemoryContinuationOptions) {
    this.now = options.now ?? Date.now;
    this.max = options.max ?? 10_000;
  }

  async keep(user: string, parts: readonly string[]): Promise<void> {
    const now = this.now();
    this.kept.delete(user);
    if (parts.length) this.kept.set(user, { parts: [...parts], at: now });
    for (const [key, pending] of this.kept) {
      if (this.kept.size <= this.max && now - pending.at <= this.options.ttlMs) break;
      this.kept.delete(key);
    }
  }

  async next(user: string): Promise<string | undefined> {
    const pending = this.kept.get(user);
    if (!pending || this.now() - pending.at > this.options.ttlMs) return undefined;
    const part = pending.parts.shift();
    if (!pending.parts.length) this.kept.delete(user);
    return part;
  }

  get size(): number {
    return this.kept.size;
  }
}
