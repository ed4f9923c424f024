/**
 * Matcher candidates compared by `npm run eval:matcher` on the same folds and questions.
 * The one chosen lives in src/search/matcher; the others stay here, for the comparison.
 *
 * Each candidate is trained on feature-column lists and returns, for a message, a
 * probability per class (labels sorted, as `trainOn` sorts them).
 */
import { trainOn } from '../../src/search/matcher/matcher.js';
import { softmax } from '../../src/search/matcher/model.js';
import type { TrainOptions } from '../../src/search/matcher/train.js';
import type { Vocabulary } from '../../src/search/matcher/vocabulary.js';

export interface Row {
  label: string;
  ids: Uint32Array;
}

export interface Trained {
  labels: readonly string[];
  /** Scores before calibration (logits, or log-probabilities). */
  logits(ids: Uint32Array): Float64Array;
}

export interface Candidate {
  name: string;
  /** Which features it sees: a filter on feature strings (prefix c:, w:, s:). */
  features: (f: string) => boolean;
  /** A feature must occur in this many training messages to count. */
  minCount?: number;
  train(rows: Row[], vocabulary: Vocabulary): Trained;
}

export function linear(name: string, features: Candidate['features'], options: TrainOptions, minCount = 1): Candidate {
  return {
    name,
    features,
    minCount,
    train: (rows, vocabulary) => {
      const m = trainOn(rows, vocabulary, options);
      return { labels: m.labels, logits: (ids) => m.logits(ids) };
    },
  };
}

/** Multinomial naive Bayes with Laplace smoothing (binary features). */
export function naiveBayes(name: string, features: Candidate['features'], alpha = 0.1): Candidate {
  return {
    name,
    features,
    train: (rows, vocabulary) => {
      const labels = [...new Set(rows.map((r) => r.label))].sort();
      const index = new Map(labels.map((l, i) => [l, i]));
      const c = labels.length;
      const v = vocabulary.size;
      const counts = new Float64Array(v * c);
      const totals = new Float64Array(c);
      const priors = new Float64Array(c);
      for (const r of rows) {
        const k = index.get(r.label) as number;
        priors[k] = (priors[k] as number) + 1;
        for (const f of r.ids) {
          counts[f * c + k] = (counts[f * c + k] as number) + 1;
          totals[k] = (totals[k] as number) + 1;
        }
      }
      const logPrior = Array.from(priors, (n) => Math.log(n / rows.length));
      return {
        labels,
        logits: (ids) => {
          const out = Float64Array.from(logPrior);
          for (const f of ids) for (let k = 0; k < c; k++) out[k] = (out[k] as number) + Math.log(((counts[f * c + k] as number) + alpha) / ((totals[k] as number) + alpha * v));
          return out;
        },
      };
    },
  };
}

/** Nearest neighbours: cosine similarity to every training message, best per class. */
export function nearest(name: string, features: Candidate['features'], sharpness = 20): Candidate {
  return {
    name,
    features,
    train: (rows) => {
      const labels = [...new Set(rows.map((r) => r.label))].sort();
      const index = new Map(labels.map((l, i) => [l, i]));
      const postings = new Map<number, number[]>();
      rows.forEach((r, i) => {
        for (const f of r.ids) {
          let list = postings.get(f);
          if (!list) postings.set(f, (list = []));
          list.push(i);
        }
      });
      return {
        labels,
        logits: (ids) => {
          const overlap = new Map<number, number>();
          for (const f of ids) for (const i of postings.get(f) ?? []) overlap.set(i, (overlap.get(i) ?? 0) + 1);
          const best = new Float64Array(labels.length);
          for (const [i, n] of overlap) {
            const r = rows[i] as Row;
            const cos = n / Math.sqrt(ids.length * r.ids.length);
            const k = index.get(r.label) as number;
            if (cos > (best[k] as number)) best[k] = cos;
          }
          return best.map((b) => b * sharpness);
        },
      };
    },
  };
}

export { softmax };
