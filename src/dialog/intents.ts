/**
 * Whole-message intents (small talk, asking for a person): is the message nothing but
 * one of their examples?
 */
import { bare } from '../intents/match.js';
import type { Intent } from '../intents/types.js';

const preparedExamples = new WeakMap<Intent[], { e: string; intent: Intent }[]>();
const singletons = new WeakMap<Intent, Intent[]>();

/** A stable one-element list, so its prepared examples are cached too. */
export function only(intent: Intent): Intent[] {
  let list = singletons.get(intent);
  if (!list) singletons.set(intent, (list = [intent]));
  return list;
}

/** The intents' examples without punctuation, longest first (computed once per intents). */
function prepared(intents: Intent[]): { e: string; intent: Intent }[] {
  let examples = preparedExamples.get(intents);
  if (!examples) {
    examples = intents
      .flatMap((intent) => intent.examples.map((e) => ({ e: bare(e), intent })))
      .filter((x) => x.e)
      .sort((a, b) => b.e.length - a.e.length);
    preparedExamples.set(intents, examples);
  }
  return examples;
}

/**
 * The chat intent a whole message is, if any: every part of the message is one of the
 * intents' examples, or a word that carries no meaning (stopwords). "你好" and "好的谢谢"
 * are chat; "你好，身份证丢了" is a question.
 */
export function wholeMessageIntent(text: string, intents: Intent[], isFiller: (rest: string) => boolean): Intent | undefined {
  const b = bare(text);
  if (!b) return undefined;
  const examples = prepared(intents);
  let rest = b;
  let first: { at: number; intent: Intent } | undefined;
  for (const { e, intent } of examples) {
    const at = rest.indexOf(e);
    if (at < 0) continue;
    const pos = b.indexOf(e);
    if (!first || pos < first.at) first = { at: pos, intent };
    rest = rest.split(e).join(' ');
  }
  if (!first) return undefined;
  return isFiller(rest) ? first.intent : undefined;
}
