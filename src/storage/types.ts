/**
 * Storage behind small asynchronous interfaces: the engine records exchanges
 * (InteractionLog); admin pages, exports and `npm run report` read them back and handle
 * demand signals (Reports). SQLite is the embedded default (sqlite/); a shared database
 * (PostgreSQL) fits the same interfaces, which is why everything that waits on the
 * database returns a Promise. Recording alone never waits: it queues.
 */
import type { Channel, ReplyKind } from '../contract/reply.js';
import type { AccountStore } from './accounts.js';
import type { AuditLog } from './audit.js';

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

/** The log's own state, kept in the process: cheap to read on every health check. */
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

/** The write side: what the engine records. */
export interface InteractionLog {
  /** Queue a record; returns at once, never throws, never waits on the database. */
  record(r: InteractionRecord): void;
  /** Write what is queued now; resolves false when the database refused (the records stay queued). */
  flush(): Promise<boolean>;
  health(): LogHealth;
  /** Flush what is queued and close; later records are ignored. */
  close(): Promise<void>;
}

export interface PeriodSummary {
  label: string;
  since: string;
  messages: number;
  /** Questions: answer + clarify + fallback (not chat, emergency, redirect). */
  questions: number;
  answered: number;
  clarified: number;
  fellBack: number;
  answerRate: number;
}

export interface DailyCount {
  day: string;
  answered: number;
  clarified: number;
  fellBack: number;
  other: number;
}

export interface ChannelCount {
  channel: string;
  messages: number;
  answered: number;
  fellBack: number;
}

export interface SignalRow extends Signal {
  /** Occurrences in the last 7 days and the 7 before (from interactions still kept). */
  last7: number;
  prev7: number;
}

export interface InteractionRow {
  id: number;
  at: string;
  channel: string;
  userHash: string;
  text: string;
  kind: string;
  itemId: string | null;
  field: string | null;
  score: number;
  latencyMs: number;
  signalId: number | null;
}

export interface SignalQuery {
  /** Only signals seen since then. */
  since?: Date;
  limit?: number;
  /** Only signals with these statuses (default: all). */
  status?: SignalStatus[];
}

/** The admin side: dashboard figures, demand signals and their handling, exports, retention. */
export interface Reports {
  /** Messages and answers between two times (until: now). */
  period(label: string, since: Date, until?: Date): Promise<PeriodSummary>;
  byChannel(since: Date): Promise<ChannelCount[]>;
  /** The last `days` UTC days up to `now`, oldest first, every day present (zeros included). */
  daily(days: number, now?: Date): Promise<DailyCount[]>;
  topItems(since: Date, limit?: number): Promise<{ itemId: string; count: number }[]>;
  topFields(since: Date, limit?: number): Promise<{ field: string; count: number }[]>;
  /** Demand signals, most asked first; trends counted back from `now`. */
  signals(query?: SignalQuery, now?: Date): Promise<SignalRow[]>;
  signal(id: number): Promise<SignalRow | undefined>;
  /** Set a signal's status and note; false when there is no such signal. */
  updateSignal(id: number, status: SignalStatus, note: string | null): Promise<boolean>;
  /** Interactions in [from, to), oldest first. */
  interactions(from: Date, to: Date, limit?: number): Promise<InteractionRow[]>;
  interactionCount(): Promise<number>;
  /** Delete interactions older than the retention period (signal counts stay); how many went. */
  purge(olderThan: Date): Promise<number>;
}

/** An opened store: the log, its read side, staff accounts and the audit trail, over one database. */
export interface Storage {
  log: InteractionLog;
  reports: Reports;
  accounts: AccountStore;
  audit: AuditLog;
  /** Flush the log and close the database. */
  close(): Promise<void>;
}
