/**
 * How rare each feature is among the messages the matcher was trained on: an inverse
 * document frequency, ln(n / (count + 1)) + 1 with n = messages + 1.
 *
 * The counts are taken when the vocabulary is built and kept with the weights (in the
 * cache file, and across the reload worker's hand-over), so the demand grouping
 * (src/signals/demand.ts), which weighs a question's features by their rarity, does not
 * featurise every phrasing again on the serving thread: that took ~0.4 s after each reload
 * and at every start. A feature kept out of the vocabulary (seen fewer than `minCount`
 * times) counts as never seen: as rare as a feature can be.
 */
import type { Vocabulary } from './vocabulary.js';

export class FeatureRarity {
  private readonly unseen: number;

  constructor(
    private readonly vocabulary: Vocabulary,
    /** Messages each vocabulary feature occurs in, by column. */
    readonly counts: Uint32Array,
    /** Messages counted. */
    readonly messages: number,
  ) {
    this.unseen = Math.log(messages + 1) + 1;
  }

  of(feature: string): number {
    const i = this.vocabulary.index.get(feature);
    return i === undefined ? this.unseen : Math.log((this.messages + 1) / ((this.counts[i] as number) + 1)) + 1;
  }

  /** The weight of a feature never seen in training. */
  get rarest(): number {
    return this.unseen;
  }
}
