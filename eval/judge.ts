/**
 * Judging one reply against what was expected, and grouping results for the report.
 */
import type { Reply } from '../src/contract/reply.js';
import { answersExpected, outcomeOf } from '../src/knowledge/questions.js';
import type { Turn } from './questions.js';

export { outcomeOf };

export interface Judged {
  q: string;
  expect: string;
  field?: string;
  group: string;
  got: string;
  gotField: string | null;
  kind: Reply['kind'];
  score: number;
  correct: boolean;
  fieldCorrect: boolean | null;
  /** 110 was given though the message was not an emergency. */
  falseAlarm: boolean;
  ms: number;
}

/**
 * Right when the reply is what was expected. An emergency reply that also answers the
 * business question (the overlay's "110 first, then the answer") is right for that item,
 * and counted as a false alarm when the message was not an emergency. A reply whose text holds
 * the expected section after the one it names (`alsoFields`: "在这边能补吗" gets the conditions
 * and the office) is right for that section too.
 */
export function judge(turn: Turn, reply: Reply, group: string, ms: number): Judged {
  const got = outcomeOf(reply);
  const alarm = reply.kind === 'emergency';
  const correct = answersExpected(turn.expect, reply);
  return {
    q: turn.q,
    expect: turn.expect,
    field: turn.field,
    group,
    got,
    gotField: reply.field,
    kind: reply.kind,
    score: reply.score,
    correct,
    fieldCorrect: turn.field ? correct && (reply.field === turn.field || !!reply.alsoFields?.includes(turn.field)) : null,
    falseAlarm: alarm && turn.expect !== 'emergency',
    ms,
  };
}

export interface GroupStats {
  group: string;
  n: number;
  /** Right item and section (or the right refusal, 110, small talk, redirect). */
  right: number;
  /** Right item, whatever the section. */
  accuracy: number;
  clarifyRate: number;
  fallbackRate: number;
  fieldAccuracy: number | null;
}

export function groupStats(group: string, rows: Judged[]): GroupStats {
  const n = rows.length || 1;
  const withField = rows.filter((r) => r.fieldCorrect !== null);
  return {
    group,
    n: rows.length,
    right: rows.filter(isRight).length / n,
    accuracy: rows.filter((r) => r.correct).length / n,
    clarifyRate: rows.filter((r) => r.kind === 'clarify').length / n,
    fallbackRate: rows.filter((r) => r.kind === 'fallback').length / n,
    fieldAccuracy: withField.length ? withField.filter((r) => r.fieldCorrect).length / withField.length : null,
  };
}

/** Right in full: the item and, when one was asked for, the section. */
export function isRight(r: Judged): boolean {
  return r.correct && r.fieldCorrect !== false;
}

/** Fallback as a classifier: did the bot admit not knowing exactly when it should? */
export function fallbackPR(rows: Judged[]): { precision: number; recall: number } {
  const said = rows.filter((r) => r.kind === 'fallback');
  const should = rows.filter((r) => r.expect === 'fallback');
  return {
    precision: said.length ? said.filter((r) => r.expect === 'fallback').length / said.length : 1,
    recall: should.length ? should.filter((r) => r.kind === 'fallback').length / should.length : 1,
  };
}

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 0;
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}
