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
import type { SignalKind, StoredSignal } from '../signals/grouper.js';

export type { SignalKind } from '../signals/grouper.js';

/** What the grouper decided about a signal besides its key (src/signals/grouper.ts). */
export interface SignalTag {
  kind: SignalKind;
  /** For 答非所问: the item the unhelpful answer came from. */
  itemId: string | null;
  /** The signal's most representative phrasing, masked. */
  label: string;
}

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
  /** The signal's kind, item and label, when the grouper made the key (absent: an unmet demand, labelled by its key). */
  signal?: SignalTag;
  /** Channel message id (WeChat MsgId …): a retry with the same key is stored once. */
  messageKey?: string | null;
}

/**
 * A citizen's verdict on one answer (有用 / 没用): from the web chat's buttons or typed
 * right after the answer. Masked like every stored text; one per answer (`ref`).
 */
export interface FeedbackRecord {
  at: Date;
  channel: Channel;
  userHash: string;
  /** The answer's ref (Reply.ref): a second verdict on the same answer is ignored. */
  ref: string;
  helpful: boolean;
  itemId: string;
  field: string | null;
  /** The question that got the answer, masked. */
  question: string;
  /** For an unhelpful answer: the 答非所问 signal it joins. */
  signalKey: string | null;
  signal?: SignalTag;
}

export type SignalStatus = 'new' | 'seen' | 'covered' | 'ignored';

export interface Signal {
  id: number;
  key: string;
  kind: SignalKind;
  /** For 答非所问: the item that answered. */
  itemId: string | null;
  /** Its most representative phrasing (null for signals grouped before labels existed: show the key). */
  label: string | null;
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
  /** Records given up (lost) because the queue in memory was full while writes failed. */
  dropped: number;
  /** Set while writes fail: since when, and the last error in a few words (the SQLite log reports it). */
  failing?: { since: string; error: string } | null;
  written: number;
  /** Times the database file had to be reopened (deleted or replaced while running). */
  reopened: number;
}

/** The write side: what the engine records. */
export interface InteractionLog {
  /** Queue a record; returns at once, never throws, never waits on the database. */
  record(r: InteractionRecord): void;
  /** Queue a verdict on an answer, in order with the records; returns at once, never throws. */
  feedback(r: FeedbackRecord): void;
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
  /** Only unmet demands, or only 答非所问 (default: both). */
  kind?: SignalKind;
}

/** An admin's change to the grouping, kept and shown with who and when. */
export type CorrectionAction = 'merge' | 'move' | 'split' | 'regroup';

export interface SignalCorrection {
  id: number;
  at: string;
  /** The staff account, or "admin token" (before accounts), or the migration. */
  actor: string;
  action: CorrectionAction;
  /** The signal changed (the one kept, for a merge). */
  signalId: number;
  /** The other signal: merged in, moved to, or split off. */
  otherId: number | null;
  /** The examples moved or split off, masked. */
  examples: string[];
}

/** New labels for signals whose examples changed (computed by the grouper). */
export type Labels = Record<number, string>;

/** Verdicts on one item's answers. */
export interface ItemFeedback {
  itemId: string;
  helpful: number;
  unhelpful: number;
  /** helpful / (helpful + unhelpful). */
  helpfulRate: number;
  /** The questions most often found unhelpful, masked, with how often. */
  worst: { question: string; count: number }[];
}

/** The admin side: dashboard figures, demand signals and their handling, exports, retention. */
export interface Reports extends RegroupingStore {
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
  /** Every live signal with its examples: what the grouper is loaded from. */
  signalExamples(): Promise<(StoredSignal & { id: number })[]>;
  /** Merge `otherId` into `id` (its interactions, count and examples); false if either is missing or they differ in kind. */
  mergeSignals(id: number, otherId: number, actor: string, labels: Labels): Promise<boolean>;
  /** Move one example (and the interactions that said it) to another signal. */
  moveExample(fromId: number, example: string, toId: number, actor: string, labels: Labels): Promise<boolean>;
  /** Split examples off into a new signal; its id, or null if nothing could be split. */
  splitSignal(id: number, examples: string[], actor: string, labels: (newId: number) => Labels): Promise<number | null>;
  /** Corrections of one signal (as either side), newest first; all when no id. */
  corrections(signalId?: number): Promise<SignalCorrection[]>;
  /** Verdicts per item since then, lowest helpful rate first. */
  itemFeedback(since: Date, worst?: number): Promise<ItemFeedback[]>;
  /** A value the store keeps about itself (which data migrations ran). */
  meta(key: string): Promise<string | null>;
  /** Interactions in [from, to), oldest first. */
  interactions(from: Date, to: Date, limit?: number): Promise<InteractionRow[]>;
  interactionCount(): Promise<number>;
  /**
   * Delete interactions older than the retention period and make every signal's examples
   * again from the interactions kept (signal keys, counts, status stay); how many went.
   */
  purge(olderThan: Date): Promise<number>;
  /**
   * Mask again, with `mask`, what was stored under older masking rules: interaction texts,
   * signal keys (merging those that become equal) and examples. Once per `version`; how
   * many texts and keys changed.
   */
  remask(mask: (text: string) => string, version: string): Promise<number>;
}

/**
 * The regrouping migration (signals/regroup.ts): signals that ask for the same thing are
 * merged into the first of them, recorded as corrections by `actor`, and `metaKey` set,
 * all at once.
 */
export interface Regrouping {
  merges: { id: number; others: number[] }[];
  labels: Labels;
  actor: string;
  metaKey: string;
  metaValue: string;
}

export interface RegroupingStore {
  regroup(plan: Regrouping): Promise<void>;
}

/** An opened store: the log, its read side, staff accounts and the audit trail, over one database. */
export interface Storage {
  log: InteractionLog;
  reports: Reports;
  accounts: AccountStore;
  audit: AuditLog;
  /**
   * A value every instance on this database shares, created once (the first `create()`
   * stored wins a race). Only shared databases have it; an embedded one keeps such values
   * in DATA_DIR.
   */
  sharedSetting?(name: string, create: () => string): Promise<string>;
  /** Flush the log and close the database. */
  close(): Promise<void>;
}
