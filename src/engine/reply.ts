/**
 * The reply contract: what `ask()` returns to every channel (web, WeChat, CLI, API).
 * Channels render it; they never look inside the engine.
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
  /** Confidence in [0, 1] for knowledge answers; 1 for intents; 0 for fallbacks. */
  score: number;
  options: readonly ReplyOption[];
}

/** Where a message came from; recorded with every exchange. */
export type Channel = 'cli' | 'api' | 'web' | 'wechat' | 'wechaty' | 'eval' | 'test';

export interface AskInput {
  /** The channel's own user id (a WeChat openid, a web session id …); hashed before storage. */
  user: string;
  text: string;
  channel: Channel;
}
