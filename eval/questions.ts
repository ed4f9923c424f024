/**
 * Question sets (test/questions/*.yaml): what citizens ask and what the right reply is.
 * dev.yaml tunes the engine; holdout.yaml is never tuned on and shows how it generalises.
 * The loader lives in src/knowledge/questions.ts (the knowledge editor's preview runs the
 * dev set too); the evaluation is the one reader allowed the sealed sets.
 */
import { loadQuestions as load, type Case } from '../src/knowledge/questions.js';

export { EXPECT_KINDS, type Case, type Turn } from '../src/knowledge/questions.js';

export function loadQuestions(path: string): Case[] {
  return load(path, { sealedAllowed: true });
}
