/**
 * A signal's label: its most representative phrasing, the example most like all the
 * others (the medoid), so the dashboard shows a question a citizen really asked
 * ("无犯罪记录证明在哪里开") instead of a bag of tokens. Ties go to the shorter phrasing.
 */
import { similarity, type Vector } from './demand.js';

/** Index of the medoid of `vectors` (texts break ties by length). */
export function medoid(vectors: readonly Vector[], texts: readonly string[]): number {
  let best = 0;
  let bestScore = -Infinity;
  vectors.forEach((v, i) => {
    let score = 0;
    vectors.forEach((w, j) => {
      if (i !== j) score += similarity(v, w);
    });
    const shorter = (texts[i]?.length ?? 0) < (texts[best]?.length ?? 0);
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && shorter)) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
