/**
 * Running questions against a brain the way the channels' engine does (normalise, then the
 * dialog on a session: one fresh session per conversation), without a log entry and
 * without touching anyone's session: for the preview, where the same questions go to the
 * published brain (in the server) and to the draft's (in its own process), and the two
 * runs are compared answer by answer — better, worse, or just different.
 *
 * Only the dev set is ever run here (DEV_SET); the sealed sets are refused by the loader.
 */
import { join } from 'node:path';
import type { Reply } from '../../contract/reply.js';
import { respond, type DialogParams } from '../../dialog/dialog.js';
import { freshSession } from '../../dialog/session.js';
import type { Brain } from '../../engine/brain.js';
import { answersExpected, loadQuestions, outcomeOf, type Case } from '../../knowledge/questions.js';
import { DEFAULT_MAX_LENGTH, normalizeMessage } from '../../text/normalize.js';

/** The development question set, from src/admin/editor or dist/admin/editor alike. */
export const DEV_SET = join(import.meta.dirname, '../../../test/questions/dev.yaml');

export function loadDevSet(path = DEV_SET): Case[] {
  return loadQuestions(path);
}

/** One reply, as the preview shows and compares it. */
export interface Answer {
  q: string;
  kind: Reply['kind'];
  /** The reply as `expect` names it: an item id, or fallback / clarify / chat … */
  outcome: string;
  item: string | null;
  field: string | null;
  score: number;
  text: string;
}

function answer(q: string, reply: Reply): Answer {
  return { q, kind: reply.kind, outcome: outcomeOf(reply), item: reply.item?.title ?? null, field: reply.field, score: Math.round(reply.score * 1000) / 1000, text: reply.text };
}

/** Single questions, each on a fresh session. */
export function askAll(brain: Brain, params: DialogParams, questions: string[]): Answer[] {
  return questions.map((q) => answer(q, respond(brain, freshSession(Date.now()), normalizeMessage(q, DEFAULT_MAX_LENGTH).text, params).reply));
}

export interface TurnResult extends Answer {
  expect: string;
  /** The section expected, when the set says. */
  expectField: string | null;
  right: boolean;
}

/** Every turn of every case; a conversation keeps its session from turn to turn. */
export function runCases(brain: Brain, params: DialogParams, cases: Case[]): TurnResult[] {
  const out: TurnResult[] = [];
  for (const c of cases) {
    const session = freshSession(Date.now());
    for (const t of c.turns) {
      const reply = respond(brain, session, normalizeMessage(t.q, DEFAULT_MAX_LENGTH).text, params).reply;
      const right = answersExpected(t.expect, reply) && (!t.field || reply.field === t.field);
      out.push({ ...answer(t.q, reply), expect: t.expect, expectField: t.field ?? null, right });
    }
  }
  return out;
}

export type Change = 'better' | 'worse' | 'changed';

export interface ChangedTurn {
  change: Change;
  live: TurnResult;
  draft: TurnResult;
}

export interface SetComparison {
  turns: number;
  liveRight: number;
  draftRight: number;
  changed: ChangedTurn[];
}

/** Turn by turn (both runs are of the same cases in the same order): what the draft changes. */
export function compareRuns(live: TurnResult[], draft: TurnResult[]): SetComparison {
  const changed: ChangedTurn[] = [];
  live.forEach((l, i) => {
    const d = draft[i];
    if (!d || (l.outcome === d.outcome && l.field === d.field && l.right === d.right)) return;
    changed.push({ change: d.right && !l.right ? 'better' : l.right && !d.right ? 'worse' : 'changed', live: l, draft: d });
  });
  const order: Record<Change, number> = { worse: 0, better: 1, changed: 2 };
  changed.sort((a, b) => order[a.change] - order[b.change]);
  return { turns: live.length, liveRight: live.filter((t) => t.right).length, draftRight: draft.filter((t) => t.right).length, changed };
}
