/**
 * When to answer, ask back, or admit not knowing. Chosen on the development questions by
 * the sweep in `npm run eval` (eval/REPORT.md shows the curve and why this point).
 */
export interface DecisionParams {
  /** At or above: answer outright. */
  answer: number;
  /** Below: fall back (and record a demand signal). Between `low` and `answer`: answer, but
   *  record it as a low-confidence demand signal. */
  low: number;
  /** Two candidates closer than this (and both at least `low`): ask which one. */
  margin: number;
  /** Weight of the learned matcher's probability in an item's score (the rest: lunr's ranking). */
  mix: number;
  /** The matcher's "not ours" at least this, and above the best item's score: fall back. */
  notOurs: number;
  /** An intent (small talk, a person, a complaint) the matcher is this sure of, above every item: answer it. */
  intent: number;
  /** The matcher's section, when the message has no field phrase, at least this sure: answer that section. */
  field: number;
  /** The matcher's section overrides a field phrase when at least this sure ("住多久才能办" is a condition). */
  fieldOverride: number;
  /** The matcher's P(emergency) at least this: the overlay treats the message as an emergency. */
  emergency: number;
}

export const DEFAULT_DECISION: DecisionParams = {
  answer: 0.55,
  low: 0.45,
  margin: 0.01,
  mix: 0,
  notOurs: 1.1,
  intent: 1.1,
  field: 1.1,
  fieldOverride: 1.1,
  emergency: 1.1,
};
