/**
 * Question sets (test/questions/*.yaml): what citizens ask and what the right reply is.
 * dev.yaml tunes the engine and is what the knowledge editor's preview runs a draft
 * against; the held-out and blind sets are never tuned on, never run by the editor, and
 * `loadQuestions` refuses to open them unless the caller says it is the evaluation.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Reply } from '../contract/reply.js';

export const EXPECT_KINDS = ['fallback', 'emergency', 'chat', 'redirect'] as const;

const turn = z.object({
  q: z.union([z.string(), z.number()]).transform(String),
  expect: z.string().min(1),
  field: z.string().optional(),
});
const entry = z.union([turn, z.object({ conversation: z.array(turn).min(1) })]);

export type Turn = z.infer<typeof turn>;
/** A case is one conversation; a single question is a conversation of one turn. */
export interface Case {
  turns: Turn[];
  multiTurn: boolean;
}

/** Sets that must stay unseen by anything but the evaluation (held-out, blind). */
export function isSealedSet(path: string): boolean {
  return /holdout|blind/i.test(basename(path));
}

export function loadQuestions(path: string, opts: { sealedAllowed?: boolean } = {}): Case[] {
  if (isSealedSet(path) && !opts.sealedAllowed) throw new Error(`${basename(path)} is a sealed question set: only the evaluation reads it`);
  const raw = z.array(entry).parse(parse(readFileSync(path, 'utf8')));
  return raw.map((e) => ('conversation' in e ? { turns: e.conversation, multiTurn: true } : { turns: [e], multiTurn: false }));
}

/** What a reply "is", in the vocabulary of `expect`. */
export function outcomeOf(reply: Pick<Reply, 'kind' | 'item'>): string {
  return reply.kind === 'answer' ? (reply.item?.id ?? '?') : reply.kind;
}

/**
 * Right when the reply is what was expected. An emergency reply that also answers the
 * business question (the overlay's "110 first, then the answer") is right for that item.
 */
export function answersExpected(expect: string, reply: Pick<Reply, 'kind' | 'item'>): boolean {
  return outcomeOf(reply) === expect || (reply.kind === 'emergency' && reply.item?.id === expect);
}
