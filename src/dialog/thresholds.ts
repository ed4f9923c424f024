/**
 * When to answer, ask back, or admit not knowing. Chosen by `npm run eval:tune` on the
 * citizens' phrasings (five folds, each answered by a matcher that never saw it) and the
 * dev set — never on a blind set; eval/REPORT.md shows the curve of `low`.
 */
export interface DecisionParams {
  /** At or above: answer outright. */
  answer: number;
  /** Below: fall back (and record a demand signal). Between `low` and `answer`: answer, but
   *  record it as a low-confidence demand signal. */
  low: number;
  /** Two candidates closer than this (and both at least `low`): ask which one. The tuner
   *  prefers 0 (its judge never rewards asking back); 0.03 is kept so that two items that
   *  truly tie are asked about rather than guessed (one dev question's cost). */
  margin: number;
  /** Weight of the learned matcher's probability in an item's score (the rest: lunr's ranking). */
  mix: number;
  /** The matcher's "not ours" at least this, and above the best item's score: fall back. */
  notOurs: number;
  /** … or at least this when the message names another department's business (护照, 社保卡). */
  notOursForeign: number;
  /** An intent (small talk, a person, a complaint) the matcher is this sure of, above every item: answer it. */
  intent: number;
  /** The matcher's section, when the message has no field phrase, at least this sure: answer that section. */
  field: number;
  /** The matcher's section overrides a field phrase when at least this sure ("住多久才能办" is a condition). */
  fieldOverride: number;
  /** In a conversation, another item takes over from the topic only when the matcher is this sure of it. */
  switch: number;
  /** The matcher's P(emergency) at least this: the overlay treats the message as an emergency. */
  emergency: number;
}

export const DEFAULT_DECISION: DecisionParams = {
  answer: 0.3,
  low: 0.15,
  margin: 0.03,
  mix: 0.65,
  notOurs: 0.3,
  notOursForeign: 0.3,
  intent: 0.7,
  field: 0.2,
  fieldOverride: 0.9,
  switch: 0.5,
  emergency: 0.31,
};
