/**
 * "This didn't help": a citizen's verdict on an answer.
 *
 * The web chat shows 有用 / 没用 under each answer and sends the answer's `ref` back; on
 * WeChat and Wechaty the citizen types "没用", "不对", "答非所问", "不是这个"
 * (intents/feedback.yaml). A typed verdict counts only right after an answer (not after a
 * clarify, a fallback or small talk) and only when it is the whole message: "不对，我问的
 * 是居住证" names another business and is a new question. So the session remembers the
 * last few answers (their ref, item, section and the masked question) and whether the
 * last turn was an answer; nothing here does I/O.
 */
import type { Reply } from '../contract/reply.js';
import { bare } from '../intents/match.js';
import type { FeedbackCues } from '../intents/types.js';
import type { Tokenizer } from '../text/tokenizer.js';

/** One answer given, as the session remembers it. */
export interface AnswerMemo {
  ref: string;
  itemId: string;
  field: string | null;
  /** The question it answered, masked. */
  question: string;
  /** Set once a verdict was recorded (one per answer). */
  rated?: boolean;
}

/** What a session keeps for verdicts. */
export interface FeedbackMemory {
  /** The last few answers, oldest first. */
  answers: AnswerMemo[];
  /** Whether the last turn was an answer (a typed verdict is read only then). */
  afterAnswer: boolean;
}

/** Answers a session remembers (the web chat's buttons under older answers still work). */
export const REMEMBERED_ANSWERS = 5;

export interface Verdict {
  helpful: boolean;
  answer: AnswerMemo;
}

/**
 * The verdict a typed message gives on the answer just given, or null when it is not one
 * (no answer just given, already rated, or the message says more than a verdict).
 */
export function typedVerdict(cues: FeedbackCues | null, tokenizer: Tokenizer, memory: FeedbackMemory | undefined, text: string): Verdict | null {
  const answer = memory?.afterAnswer ? memory.answers.at(-1) : undefined;
  if (!cues || !answer || answer.rated) return null;
  const helpful = verdictWords(cues, tokenizer, text);
  return helpful === null ? null : { helpful, answer };
}

/** true (有用), false (没用) or null: the whole message is a verdict, or it is not one. */
export function verdictWords(cues: FeedbackCues, tokenizer: Tokenizer, text: string): boolean | null {
  const b = bare(text);
  if (!b) return null;
  const found = (phrases: string[]) => {
    let rest = b;
    let hit = false;
    for (const p of [...phrases].sort((x, y) => y.length - x.length)) {
      const key = bare(p);
      if (key && rest.includes(key)) {
        hit = true;
        rest = rest.split(key).join(' ');
      }
    }
    return hit ? rest : null;
  };
  const isFiller = (rest: string) => {
    let left = rest;
    for (const f of [...cues.filler].sort((x, y) => y.length - x.length)) if (f) left = left.split(bare(f)).join(' ');
    return tokenizer.words(left).length === 0;
  };
  const unhelpful = found(cues.unhelpful);
  if (unhelpful !== null && isFiller(unhelpful)) return false;
  const helpful = found(cues.helpful);
  if (helpful !== null && isFiller(helpful)) return true;
  return null;
}

/** After a turn: remember an answer, or that the last turn was not one. */
export function remember(memory: FeedbackMemory | undefined, reply: Reply, ref: string | undefined, question: string): FeedbackMemory {
  const answers = memory?.answers ?? [];
  if (reply.kind !== 'answer' || !reply.item || !ref) return { answers, afterAnswer: false };
  const memo: AnswerMemo = { ref, itemId: reply.item.id, field: reply.field, question };
  return { answers: [...answers, memo].slice(-REMEMBERED_ANSWERS), afterAnswer: true };
}

/** The remembered answer a button refers to, if the session still has it. */
export function answerByRef(memory: FeedbackMemory | undefined, ref: string): AnswerMemo | undefined {
  return memory?.answers.find((a) => a.ref === ref);
}
