/**
 * Question sets (test/questions/*.yaml): what citizens ask and what the right reply is.
 * dev.yaml tunes the engine; holdout.yaml is never tuned on and shows how it generalises.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

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

export function loadQuestions(path: string): Case[] {
  const raw = z.array(entry).parse(parse(readFileSync(path, 'utf8')));
  return raw.map((e) => ('conversation' in e ? { turns: e.conversation, multiTurn: true } : { turns: [e], multiTurn: false }));
}
