/**
 * Admin sessions behind a small asynchronous interface, so that one process keeps them in
 * memory (memory/admin-sessions.ts) and several instances share them (Redis) by swapping
 * the implementation in open.ts. A session is found by the id in the admin's cookie; stores
 * keep only a hash of that id, so a dump of the store holds no usable cookie.
 *
 * Idle sessions end: a session not used for `idleMs` is gone, and every use moves its end
 * on (a sliding window); none outlives `maxMs` from its start, used or not.
 */
import type { Role } from './accounts.js';

export interface AdminSessionData {
  /** The account (null never happens for a session: the API token has no session). */
  userId: number;
  name: string;
  role: Role;
  /** The form token every POST must carry. */
  csrf: string;
  /** Until the password is changed, only the password page is open. */
  mustChangePassword: boolean;
  createdAt: number;
  lastSeen: number;
}

export interface AdminSessionStore {
  /** A new session; returns the id for the cookie (random, 256 bits). */
  create(data: Omit<AdminSessionData, 'createdAt' | 'lastSeen'>): Promise<string>;
  /** The live session for a cookie id, touched (its idle time starts again); undefined when ended. */
  get(id: string): Promise<AdminSessionData | undefined>;
  /** Change what a session carries (the password was changed, the role was). */
  update(id: string, patch: Partial<Pick<AdminSessionData, 'mustChangePassword' | 'role'>>): Promise<void>;
  delete(id: string): Promise<void>;
  /** End every session of an account (disabled, password reset), except perhaps one. */
  deleteUser(userId: number, except?: string): Promise<void>;
}

export const ADMIN_IDLE_MS = 30 * 60_000;
export const ADMIN_MAX_MS = 8 * 3_600_000;
