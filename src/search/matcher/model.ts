/**
 * The learned matcher's model: a linear softmax classifier over sparse binary features
 * (in the manner of fastText without the hidden layer: with a few thousand short
 * messages, a direct feature → class weight learns as well and stays inspectable).
 *
 * Scores are calibrated by a temperature chosen on held-out folds (see calibrate.ts), so
 * a probability of 0.8 means the top class is right about 80% of the time on unseen
 * phrasings: the dialog's thresholds then mean something.
 */
import type { Vocabulary } from './vocabulary.js';

export interface Prediction {
  label: string;
  p: number;
}

export class LinearModel {
  constructor(
    readonly labels: readonly string[],
    readonly vocabulary: Vocabulary,
    /** Row-major: feature × class. */
    readonly weights: Float32Array,
    readonly bias: Float32Array,
    public temperature = 1,
  ) {}

  private readonly kept = new WeakMap<Uint32Array, { temperature: number; p: Float64Array }>();

  get classes(): number {
    return this.labels.length;
  }

  /** Raw scores (logits) for feature columns; `out` is reused when given. */
  logits(ids: Uint32Array, out = new Float64Array(this.classes)): Float64Array {
    const c = this.classes;
    const scale = ids.length ? 1 / Math.sqrt(ids.length) : 0;
    for (let k = 0; k < c; k++) out[k] = 0;
    for (let i = 0; i < ids.length; i++) {
      const row = (ids[i] as number) * c;
      for (let k = 0; k < c; k++) out[k] = (out[k] as number) + (this.weights[row + k] as number);
    }
    for (let k = 0; k < c; k++) out[k] = (out[k] as number) * scale + (this.bias[k] as number);
    return out;
  }

  /**
   * Class probabilities (calibrated by the temperature). Kept for the same columns object
   * (Matcher.ids hands out one per message) at the same temperature: the dialog asks one
   * message's probabilities several times. Read-only for callers.
   */
  probabilities(ids: Uint32Array): Float64Array {
    const kept = this.kept.get(ids);
    if (kept && kept.temperature === this.temperature) return kept.p;
    const p = softmax(this.logits(ids), this.temperature);
    this.kept.set(ids, { temperature: this.temperature, p });
    return p;
  }

  /** The `k` most probable classes, best first. */
  top(ids: Uint32Array, k = 5): Prediction[] {
    const p = this.probabilities(ids);
    return topK(p, this.labels, k);
  }
}

export function softmax(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  const out = new Float64Array(z.length);
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp(((z[k] as number) - max) / temperature);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) out[k] = (out[k] as number) / sum;
  return out;
}

/**
 * The `k` most probable classes, best first; among equal probabilities the earlier class first
 * (as a stable sort of all of them would give). One pass keeping the best `k`: the matter
 * classifier has ~500 classes, and sorting them all was a third of reading a demand.
 */
export function topK(p: Float64Array, labels: readonly string[], k: number): Prediction[] {
  const best: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const v = p[i] as number;
    if (best.length >= k && !(v > (p[best[best.length - 1] as number] as number))) continue;
    let at = best.length;
    while (at > 0 && v > (p[best[at - 1] as number] as number)) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best.map((i) => ({ label: labels[i] as string, p: p[i] as number }));
}
