/**
 * Shared state: what one process keeps in memory between requests and several instances
 * must share — conversation sessions, the replies already given to WeChat message ids
 * (with their retries), the unsent parts of long replies, rate-limit counters, admin
 * sessions, which knowledge version is live, and who runs the Wechaty bot. In memory for
 * one process (storage/memory/); in Redis when REDIS_URL is set (storage/redis/).
 *
 * Keys carry raw channel ids (a WeChat openid, a MsgId, an address): the Redis
 * implementation stores only keyed hashes of them.
 */
import type { Continuations, RateLimitStore, ReplyDedupe } from '../contract/state.js';
import type { SessionStore } from '../dialog/session.js';
import type { AdminSessionStore } from './admin-sessions.js';

/** A knowledge version went live somewhere: its content hash (the snapshot's). */
export interface KnowledgeAnnouncement {
  hash: string;
  /** The instance that built it. */
  from: string;
}

/**
 * Which knowledge version every instance serves. The instance that built a new version
 * publishes it (its files and hash); the others hear of it, fetch it and swap to it, so
 * a change saved once (a file, the admin button, the staff editor) reaches every
 * instance. In memory there is no one else to tell.
 */
export interface KnowledgeVersions {
  /** Make this version the live one and tell every instance (its files by "knowledge/…"/"intents/…" path). */
  publish(hash: string, files: ReadonlyMap<string, string>): Promise<void>;
  /** The live version's hash, if one was ever published. */
  current(): Promise<string | null>;
  /** A published version's files, if still kept. */
  files(hash: string): Promise<Map<string, string> | null>;
  /** Called whenever some instance publishes (possibly this one); returns the unsubscribe. */
  subscribe(onPublished: (a: KnowledgeAnnouncement) => void): Promise<() => Promise<void>>;
}

/** A named lease only one instance holds at a time (e.g. the Wechaty runner). */
export interface Lease {
  /** Try to take it; true when this instance now holds it (renewed until released or lost). */
  acquire(): Promise<boolean>;
  held(): boolean;
  /** Called each time a held lease is lost (could not be renewed in time). */
  onLost(handler: () => void): void;
  release(): Promise<void>;
}

export interface SharedState {
  /** 'memory' (one process) or 'redis' (several instances). */
  kind: 'memory' | 'redis';
  /** This instance's name in announcements and leases. */
  instance: string;
  sessions: SessionStore;
  replies: ReplyDedupe;
  continuations: Continuations;
  /** Staff logged in to /admin (idle and absolute expiry; only hashes of the cookie ids kept). */
  adminSessions: AdminSessionStore;
  /** A counter store per limiter for express-rate-limit; undefined: its own in-process store. */
  rateLimits?: (prefix: string) => RateLimitStore;
  knowledge: KnowledgeVersions;
  lease(name: string): Lease;
  /** Let go of connections (nothing to do in memory). */
  close(): Promise<void>;
}
