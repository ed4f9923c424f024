/**
 * The runtime context every channel adapter gets: one asynchronous `ask()`, a way to note
 * an exchange the channel answered itself, the official-account menu, and the bits of
 * configuration, metrics and logging adapters use. Adapters translate their transport to
 * `ask()` and back, nothing more.
 *
 * Everything here is an interface, so channels depend on no engine, storage or server
 * class: the server builds one object that satisfies it (src/server/context.ts), and
 * tests or another host can build another.
 */
import type { AskInput, Channel, FeedbackInput, Reply, Suggestion } from './reply.js';
import type { Continuations, RateLimitStore, ReplyDedupe } from './state.js';

/** One logging call: fields then a message (pino's shape), or a message alone. */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}

/** The structured logger channels write to (pino satisfies it). */
export interface ContextLogger {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/** The configuration channels read (the server's whole configuration satisfies it). */
export interface ChannelConfig {
  /** Official-account Token; `/wechat` is served only when it is set. */
  WECHAT_TOKEN?: string;
  /** 安全模式: the 43-character EncodingAESKey, with the AppID. */
  WECHAT_ENCODING_AES_KEY?: string;
  WECHAT_APPID?: string;
  /** Passive replies longer than this are split; "更多" continues. */
  WECHAT_REPLY_MAX_BYTES: number;
}

/** The metrics channels count into (prom-client counters satisfy it). */
export interface ChannelMetrics {
  /** Unexpected errors inside an adapter, by channel. */
  channelErrors: { inc(labels: { channel: Channel }): void };
  /** Official-account requests refused, by reason (bad_signature, stale_timestamp …). */
  wechatRefused: { inc(labels: { reason: string }): void };
}

export interface ChannelContext {
  /** Answer one message (engine, metrics, log). Never rejects for a citizen's input. */
  ask(input: AskInput): Promise<Reply>;
  /**
   * A verdict (有用 / 没用) on an answer this user got, by the answer's ref: recorded once;
   * false when the conversation no longer remembers that answer.
   */
  feedback(input: FeedbackInput): Promise<boolean>;
  /**
   * Record an exchange the channel answered itself (an image, a "更多" continuation).
   * Queued for the log: returns at once.
   */
  note(input: AskInput, reply: Reply): void;
  /** The question an official-account menu button (a CLICK EventKey) stands for, if any. */
  menuQuestion(eventKey: string): string | undefined;
  /** The web chat welcome's suggested questions: staff's (intents/suggestions.yaml), else the most-asked items. */
  suggestions(): Promise<readonly Suggestion[]>;
  /** The reply already given to a message id, for the platform's retries. */
  replies: ReplyDedupe;
  /** The unsent parts of long replies ("更多"). */
  continuations: Continuations;
  /** Counters for a rate limiter shared by every instance; absent: each process counts alone. */
  rateLimitStore?: (prefix: string) => RateLimitStore;
  config: ChannelConfig;
  metrics: ChannelMetrics;
  logger: ContextLogger;
}
