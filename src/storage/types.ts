/**
 * Storage behind a small interface: the engine records exchanges; admin pages and
 * reports read them back. SQLite is the embedded default (sqlite.ts).
 */
import type { Channel, ReplyKind } from '../contract/reply.js';

/** One exchange, already masked and hashed: nothing here identifies a citizen. */
export interface InteractionRecord {
  at: Date;
  channel: Channel;
  /** Keyed hash of the channel's user id. */
  userHash: string;
  /** The citizen's message with personal data masked. */
  text: string;
  kind: ReplyKind;
  itemId: string | null;
  field: string | null;
  score: number;
  latencyMs: number;
  /** Set when the exchange is a service-demand signal (unanswered or weakly answered). */
  signalKey: string | null;
  /** Channel message id (WeChat MsgId …): a retry with the same key is stored once. */
  messageKey?: string | null;
}

export type SignalStatus = 'new' | 'seen' | 'covered' | 'ignored';

export interface Signal {
  id: number;
  key: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  examples: string[];
  status: SignalStatus;
  note: string | null;
}

export interface LogHealth {
  open: boolean;
  /** Records waiting to be written (a failing database leaves them here). */
  pending: number;
  writeFailures: number;
  /** Records given up on because the buffer was full. */
  dropped: number;
  written: number;
  /** Times the database file had to be reopened (deleted or replaced while running). */
  reopened: number;
}

export interface InteractionLog {
  /** Queue a record; never throws, never blocks on the database. */
  record(r: InteractionRecord): void;
  /** Write what is queued now; returns false when the database refused. */
  flush(): boolean;
  health(): LogHealth;
  /** Top demand signals, most asked first. */
  signals(opts?: { limit?: number; since?: Date }): Signal[];
  interactionCount(): number;
  close(): void;
}
