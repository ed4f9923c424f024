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
}

export const DEFAULT_DECISION: DecisionParams = {
  answer: 0.55,
  low: 0.45,
  margin: 0.01,
};
