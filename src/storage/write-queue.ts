/**
 * The log's write queue, shared by every backend: exchanges are queued and written right
 * after the reply has gone (setImmediate), a batch at a time, one batch in flight; a
 * citizen's reply never waits for, or fails because of, the database.
 *
 * While writes fail the queue backs off: nothing is attempted per message, only a timer
 * retries — after 1 s, then twice as long each time up to 30 s (a failure the backend calls
 * transient, such as SQLite's lock, is retried every second: it passes). The change of state
 * is reported once each way (failing, writing again), never once per failure: a full disk
 * must not fill up with stack traces. The queue is bounded in memory; past it the oldest
 * records are given up — the one case where records are lost — and counted.
 */
import type { LogHealth } from './types.js';

/** The log stopped writing, or writes again: reported once per change. */
export type LogStateChange =
  | { state: 'failing'; error: unknown; pending: number }
  | { state: 'writing'; failedForMs: number; written: number; lost: number };

export interface WriteQueueOptions {
  /** Every failed write attempt (for metrics). */
  onError?: (err: unknown) => void;
  /** The log stopped writing, or writes again (for one log line each). */
  onStateChange?: (change: LogStateChange) => void;
  /** Records given up (the queue was full, or the database refuses their data), for metrics. */
  onLost?: (count: number) => void;
  /** Records kept in memory at most. */
  maxPending?: number;
  /** First retry delay; doubles up to `retryMaxMs` while the failure is not transient. */
  retryMs?: number;
  retryMaxMs?: number;
}

export interface Backend<T> {
  /**
   * Write a batch in one transaction. Resolves with how many of its records the database
   * refused for their data and were given up on (0 normally); throws when the batch was not
   * written (it stays queued and is retried). A backend that wrote part of the batch before
   * failing throws a `PartialWrite` saying how many leading records are done.
   */
  write(batch: T[]): number | Promise<number>;
  /** Records per batch: a long queue (after a failure) goes in steps, replies in between. */
  batch: number;
  /** A failure that passes by itself (a lock): retried at the base rate, without backing off. */
  transient?(err: unknown): boolean;
}

/** Thrown by a backend that handled the first `done` records of a batch (of which `refused` given up) and then failed. */
export class PartialWrite extends Error {
  constructor(
    readonly failure: unknown,
    readonly done: number,
    readonly refused: number,
  ) {
    super(describeFailure(failure));
  }
}

/** Records kept in memory while the database refuses them (each holds at most 2,000 characters). */
export const MAX_PENDING = 20_000;
const RETRY_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** A failure in a few words for the dashboard ("SQLITE_FULL: database or disk is full"), no stack. */
export function describeFailure(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

export class WriteQueue<T> {
  private readonly pending: T[] = [];
  private scheduled = false;
  private inFlight: Promise<boolean> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Since when writes fail (null: they work), the failures in a row, and what was lost meanwhile. */
  private failing: { since: number; attempts: number; writtenBefore: number; droppedBefore: number; error: string } | null = null;
  private closed = false;
  readonly stats = { writeFailures: 0, dropped: 0, written: 0, reopened: 0 };

  constructor(
    private readonly backend: Backend<T>,
    private readonly options: WriteQueueOptions = {},
  ) {}

  push(item: T): void {
    if (this.closed) return;
    this.pending.push(item);
    if (this.pending.length > (this.options.maxPending ?? MAX_PENDING)) {
      this.pending.shift();
      this.lose(1);
    }
    this.schedule(); // while failing, only the retry timer writes: no attempt per message
  }

  /** Write everything queued now (after any batch in flight); false when the database refused. */
  async flush(): Promise<boolean> {
    while (this.pending.length) if (!(await this.writeNext())) return false;
    while (this.inFlight) await this.inFlight;
    return true;
  }

  health(): Omit<LogHealth, 'open'> {
    const failing = this.failing ? { since: new Date(this.failing.since).toISOString(), error: this.failing.error } : null;
    return { pending: this.pending.length, ...this.stats, failing };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Write what is queued (one try), then stop: no more writes or retries. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  /** One batch at a time: a call while one is in flight waits for it. */
  private writeNext(): Promise<boolean> {
    this.inFlight ??= this.writeBatch().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async writeBatch(): Promise<boolean> {
    if (!this.pending.length) return true;
    const batch = this.pending.slice(0, this.backend.batch);
    try {
      const refused = await this.backend.write(batch);
      this.pending.splice(0, batch.length);
      this.stats.written += batch.length - refused;
      if (refused) this.lose(refused);
      this.recovered();
      if (this.pending.length) this.schedule();
      return true;
    } catch (err) {
      if (err instanceof PartialWrite) {
        this.pending.splice(0, err.done);
        this.stats.written += err.done - err.refused;
        if (err.refused) this.lose(err.refused);
      }
      this.failed(err instanceof PartialWrite ? err.failure : err);
      return false;
    }
  }

  private lose(count: number): void {
    this.stats.dropped += count;
    this.options.onLost?.(count);
  }

  private failed(err: unknown): void {
    this.stats.writeFailures++;
    this.options.onError?.(err);
    if (!this.failing) {
      this.failing = { since: Date.now(), attempts: 0, writtenBefore: this.stats.written, droppedBefore: this.stats.dropped, error: describeFailure(err) };
      this.options.onStateChange?.({ state: 'failing', error: err, pending: this.pending.length });
    }
    this.failing.attempts++;
    this.failing.error = describeFailure(err);
    if (this.retryTimer || this.closed) return;
    const base = this.options.retryMs ?? RETRY_MS;
    const delay = this.backend.transient?.(err) ? base : Math.min(this.options.retryMaxMs ?? RETRY_MAX_MS, base * 2 ** (this.failing.attempts - 1));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.writeNext();
    }, delay);
    this.retryTimer.unref();
  }

  private recovered(): void {
    if (!this.failing) return;
    const { since, writtenBefore, droppedBefore } = this.failing;
    this.failing = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.options.onStateChange?.({ state: 'writing', failedForMs: Date.now() - since, written: this.stats.written - writtenBefore, lost: this.stats.dropped - droppedBefore });
  }

  /** Write soon (after the replies of this turn of the event loop have gone). */
  private schedule(): void {
    if (this.scheduled || this.failing || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.writeNext();
    });
  }
}
