/**
 * Sessions: what the bot remembers of a conversation, per user, until it goes idle.
 *
 * The topic lets "要什么材料" after "居住证怎么办" stay on 居住证; pending options let a
 * citizen answer a numbered menu with "1". The dialog reads and changes a session
 * synchronously; where sessions live is a SessionStore's business (in memory for one
 * process, storage/memory/sessions.ts; a shared store when several instances serve), so
 * loading and saving are asynchronous and happen around the dialog, never inside it.
 */
import type { ReplyOption } from '../contract/reply.js';
import type { FeedbackMemory } from '../signals/feedback.js';

export interface Session {
  /** The item the conversation is about. */
  topic: string | null;
  /** The numbered options last offered, and the section asked for when they were offered. */
  options: readonly ReplyOption[];
  pendingField: string | null;
  lastSeen: number;
  /** The last answers and whether the last turn was one, for "没用" (src/signals/feedback.ts). */
  feedback?: FeedbackMemory;
  /** True once this conversation raised an alarm: "现在怎么办" after it gets the 110 lines again. */
  alarmed?: boolean;
  /** True when the last turn raised it: "不敢出声 地址是…" right after is the danger still, not a follow-up on the topic. */
  alarmedLast?: boolean;
  /** The citizen's last messages, masked and cut short: a follow-up is read with them
   *  ("sfz丢了" → "我在外地打工 在这边能补不" asks to replace it away from home). */
  recent?: string[];
}

/** A conversation that has not started (or was forgotten). */
export function freshSession(now: number): Session {
  return { topic: null, options: [], pendingField: null, lastSeen: now };
}

export interface SessionStore {
  /**
   * One turn on a user's session, atomically: `turn` gets the live session (a fresh one if
   * there is none or it went idle), may change it, and its result is returned once the
   * session is saved. `turn` is synchronous and changes nothing but the session, so a
   * shared store may run it again on a conflicting write. Keys carry the channel's raw
   * user id: a store that persists them must hash them first.
   */
  update<T>(key: string, turn: (session: Session) => T): Promise<T>;
}
