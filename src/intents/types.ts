/**
 * Intents: what a message is about when it is not (only) a knowledge question —
 * emergencies, small talk, asking for a person, complaints — plus which section of an
 * item a question asks for. Staff edit them in intents/*.yaml.
 */
import type { ReplyKind } from '../engine/reply.js';

/** A phrase that matches by containment, or a /regex/. */
export type Pattern = { text: string } | { regex: RegExp };

export interface Intent {
  name: string;
  kind: ReplyKind;
  /** Whole-message forms (after removing punctuation and stopwords). */
  examples: string[];
  /** Containment phrases or regexes. */
  patterns: Pattern[];
  reply: string;
}

export interface EmergencyIntent extends Intent {
  /** Usually emergencies, but a confident item answer wins and gets `hint` appended. */
  softPatterns: Pattern[];
  hint: string;
}

export interface ComplaintIntent extends Intent {
  /** Words that make a complaint-sounding question a disclosure (or report) question. */
  about: Pattern[];
}

export interface OutOfScopeTopic {
  terms: string[];
  /** Phrasings that are always this topic, whatever items share their words. */
  patterns: Pattern[];
  hint: string;
}

export interface Intents {
  emergency: EmergencyIntent;
  chat: Intent[];
  handoff: Intent;
  complaint: ComplaintIntent;
  /** Section name (or 依据) → phrases that ask for it. */
  fields: Map<string, string[]>;
  fallback: { reply: string; outOfScope: OutOfScopeTopic[] };
  /** Official-account menu: CLICK EventKey → the question it stands for. */
  menu: Map<string, string>;
}
