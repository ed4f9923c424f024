/**
 * Training the linear matcher: stochastic gradient descent on the softmax cross-entropy,
 * with a learning rate that decays linearly to zero (as fastText does) and a seeded
 * shuffle each epoch, so the same data always gives the same weights.
 *
 * Classes with many examples (out-of-scope questions, several hundred) would otherwise
 * pull every doubtful message towards themselves; each example is weighted so that every
 * class weighs about as much in total (`balance`).
 */
import { LinearModel, softmax } from './model.js';
import { seeded, shuffle } from './random.js';
import type { Vocabulary } from './vocabulary.js';

export interface TrainOptions {
  epochs: number;
  /** Starting learning rate. */
  learningRate: number;
  /** Weight decay per step, applied to the weights an example touches. */
  l2: number;
  /** Weigh classes equally (1) or by their number of examples (0), or in between. */
  balance: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 25, learningRate: 0.4, l2: 1e-5, balance: 0.5, seed: 20261126 };

/** Gradients smaller than this leave the weights alone. */
const SKIP = 1e-4;

export interface Example {
  /** Feature columns (see Vocabulary.ids). */
  ids: Uint32Array;
  label: number;
}

export function train(examples: readonly Example[], labels: readonly string[], vocabulary: Vocabulary, options: TrainOptions = DEFAULT_TRAIN): LinearModel {
  const c = labels.length;
  const model = new LinearModel(labels, vocabulary, new Float32Array(vocabulary.size * c), new Float32Array(c));
  const counts = new Float64Array(c);
  for (const e of examples) counts[e.label] = (counts[e.label] as number) + 1;
  const mean = examples.length / Math.max(1, counts.filter((n) => n > 0).length);
  const weightOf = (label: number) => Math.pow(mean / Math.max(1, counts[label] as number), options.balance);

  const random = seeded(options.seed);
  const order = examples.map((_, i) => i);
  const total = options.epochs * examples.length;
  const z = new Float64Array(c);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const { ids, label } = examples[i] as Example;
      const lr = options.learningRate * (1 - step++ / total) * weightOf(label);
      if (!ids.length) continue;
      const p = softmax(model.logits(ids, z));
      const scale = 1 / Math.sqrt(ids.length);
      const decay = 1 - options.l2;
      for (let k = 0; k < c; k++) {
        const g = ((p[k] as number) - (k === label ? 1 : 0)) * lr;
        model.bias[k] = (model.bias[k] as number) - g;
        // Classes the model already rules out get a vanishing gradient: skipping their
        // weights changes nothing measurable and makes training several times faster.
        if (g < SKIP && g > -SKIP) continue;
        const gs = g * scale;
        for (let j = 0; j < ids.length; j++) {
          const at = (ids[j] as number) * c + k;
          model.weights[at] = (model.weights[at] as number) * decay - gs;
        }
      }
    }
  }
  return model;
}
