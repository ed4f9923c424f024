/**
 * The reply contract: what `ask()` returns to every channel (web, WeChat, CLI, API), and
 * what a channel hands to it. Channels render a reply; they never look inside the engine.
 * It lives on the ground floor (src/contract imports nothing), so the engine, storage,
 * intents and channels can all use it without importing each other. It grows by adding
 * fields, never by renaming or removing one.
 */

export type ReplyKind = 'answer' | 'clarify' | 'fallback' | 'chat' | 'emergency' | 'redirect';

export interface ReplyItem {
  id: string;
  title: string;
  category: string;
}

/** A numbered choice the citizen can send back as "1", "2", … */
export interface ReplyOption {
  n: number;
  /** Item id, or `itemId#section` for a section of the current item. */
  id: string;
  title: string;
}

export interface Reply {
  kind: ReplyKind;
  text: string;
  item: ReplyItem | null;
  /** The section answered (e.g. 所需材料), or null for a whole-item answer. */
  field: string | null;
  /**
   * Further sections the text holds after `field`, when one question asks two facts at once
   * ("在这边能补吗": whether one may, and where: 办理条件 and 受理部门). Absent: only `field`.
   */
  alsoFields?: readonly string[];
  /** Confidence in [0, 1] for knowledge answers; 1 for intents; 0 for fallbacks. */
  score: number;
  options: readonly ReplyOption[];
  /**
   * The answered item's legal basis (依据), one law or rule per entry, whenever the reply
   * names an item. The text carries it as before; a channel may fold it (the web's 查看依据).
   */
  basis?: readonly string[];
  /** After an answer: two or three questions from the same area ("您可能还想问"). */
  related?: readonly RelatedQuestion[];
  /**
   * An answer's own id, for a verdict on it (the web chat's 有用 / 没用 send it back to
   * POST /api/feedback); only answers have one.
   */
  ref?: string;
}

/** A question the web chat's welcome offers as a button (大家常问); a tap sends `question`. */
export interface Suggestion {
  question: string;
  /** The item it stands for when it comes from the log or the catalogue; null for staff's own. */
  id: string | null;
}

/** A question the citizen may want to ask next; a channel sends `question` when it is tapped. */
export interface RelatedQuestion {
  /** The knowledge item it leads to. */
  id: string;
  title: string;
  question: string;
}

/** A verdict on one answer, by the answer's ref, from the user who got it. */
export interface FeedbackInput {
  user: string;
  channel: Channel;
  ref: string;
  helpful: boolean;
}

/** Where a message came from; recorded with every exchange. */
export type Channel = 'cli' | 'api' | 'web' | 'wechat' | 'wechaty' | 'eval' | 'test';

export interface AskInput {
  /** The channel's own user id (a WeChat openid, a web session id …); hashed before storage. */
  user: string;
  text: string;
  channel: Channel;
  /**
   * The channel's own id of this message (a WeChat MsgId …), when it has one: a retry with
   * the same key is stored once.
   */
  messageKey?: string;
}
