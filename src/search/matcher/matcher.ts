/**
 * The learned matcher: linear classifiers trained at load time on the phrasings.
 *
 * - `classify`: which item (or intent, or "not ours") a message is about;
 * - `field`: which section of a household item it asks for ("" = the whole matter),
 *   learned from phrasings whose writer said which section holds the fact asked about
 *   ("住多久才能办居住证" asks a condition, not a processing time). Its features are the
 *   message's own and the same joined to the item (居住证申领|多久): where a fact lives
 *   differs from item to item, and the joined features learn that, while the plain ones
 *   carry what all items share (要带啥 → 所需材料);
 * - `matter`: which matter the bot does NOT answer a message asks about (knowledge/
 *   demand-matters/), for grouping demand signals by meaning: "开良民证" and "单位要我
 *   去派出所证明没犯过事" are one matter without sharing a word.
 *
 * Training is deterministic (seeded), and the trained weights are cached on disk by a hash
 * of everything they depend on (the training messages, the options, this file's format),
 * so a start with unchanged knowledge loads them instead of training again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Featurizer } from './features.js';
import { FeatureRarity } from './rarity.js';
import { LinearModel, type Prediction } from './model.js';
import { DEFAULT_TRAIN, train, type Example, type TrainOptions } from './train.js';
import { Vocabulary } from './vocabulary.js';
import type { Labelled } from './dataset.js';

export interface MatcherOptions {
  train: TrainOptions;
  /** A feature must occur in at least this many training messages to be learned. */
  minCount: number;
  /**
   * The same for the matter classifier (its weights are features × matters: rarer features
   * cost memory). 5: at 265 matters and 7,665 phrasings, 13 MB of weights instead of 25 MB at 3, for a mean
   * grouping F1 on the two dev demand sets of 0.730 instead of 0.731 (19 MB at 10,345 phrasings).
   */
  matterMinCount: number;
  /** Calibration of each classifier (chosen on held-out folds by `npm run eval`). */
  temperature: number;
  fieldTemperature: number;
}

export const DEFAULT_MATCHER: MatcherOptions = { train: DEFAULT_TRAIN, minCount: 2, matterMinCount: 5, temperature: 0.6, fieldTemperature: 1 };

/** Bumped when the cache file's layout or the training changes meaning. */
const FORMAT = 'wz-matcher-4';

export class Matcher {
  constructor(
    readonly featurizer: Featurizer,
    readonly items: LinearModel,
    /** Over its own vocabulary: the message's features and the same joined to an item. */
    readonly fields: LinearModel,
    /** How long training (or loading the cache) took, ms; and whether it came from the cache. */
    readonly buildMs: number,
    readonly cached: boolean,
    /** How rare each feature was among the training messages (for the demand grouping). */
    readonly rarity: FeatureRarity,
    /** Matters the bot does not answer (null without knowledge/demand-matters/). */
    readonly matters: LinearModel | null = null,
  ) {}

  /** The matters (the bot does not answer) a message most likely asks about, best first. */
  matter(text: string, k = 2, strings = this.featurizer.strings(text)): Prediction[] {
    return this.matters ? this.matters.top(this.matters.vocabulary.ids(strings), k) : [];
  }

  /** Feature columns of a message in the item classifier's vocabulary. */
  ids(text: string): Uint32Array {
    return this.items.vocabulary.ids(this.featurizer.strings(text));
  }

  classify(text: string, k = 5, ids = this.ids(text)): Prediction[] {
    return this.items.top(ids, k);
  }

  /** The probability of one label. */
  probability(text: string, label: string, ids = this.ids(text)): number {
    const i = this.items.labels.indexOf(label);
    return i < 0 ? 0 : (this.items.probabilities(ids)[i] ?? 0);
  }

  /** The section of `item` the message asks for ("" = the whole matter). */
  field(text: string, item: string, strings = this.featurizer.strings(text)): Prediction {
    return this.fields.top(this.fields.vocabulary.ids(withItem(strings, item)), 1)[0] ?? { label: '', p: 0 };
  }
}

function withItem(features: readonly string[], item: string): string[] {
  return [...features, ...features.map((f) => `${item}|${f}`)];
}

/** A message labelled with a matter the bot does not answer (knowledge/demand-matters/). */
export interface MatterExample {
  text: string;
  matter: string;
}

/** Train the classifiers on a labelled set (or load them from the cache folder). */
export function buildMatcher(data: readonly Labelled[], featurizer: Featurizer, options: MatcherOptions = DEFAULT_MATCHER, cacheDir?: string, matterData: readonly MatterExample[] = []): Matcher {
  const started = performance.now();
  const key = createHash('sha256')
    .update(JSON.stringify([FORMAT, options.train, options.minCount, options.matterMinCount, featurizer.options, data.map((d) => [d.text, d.label, d.field]), matterData.map((m) => [m.text, m.matter])]))
    .digest('hex')
    .slice(0, 24);
  const path = cacheDir && join(cacheDir, `matcher-${key}.bin`);
  const fromCache = path && existsSync(path) ? readCache(path) : undefined;
  if (fromCache) {
    fromCache.items.temperature = options.temperature;
    fromCache.fields.temperature = options.fieldTemperature;
    return new Matcher(featurizer, fromCache.items, fromCache.fields, performance.now() - started, true, fromCache.rarity, fromCache.matters);
  }

  // Features only when training: a start from the cache must not pay for them.
  const features = data.map((d) => featurizer.strings(d.text));
  const items = fit(data.map((d, i) => ({ label: d.label, features: features[i] as string[] })), options.minCount, options.train);
  const fieldData = data.flatMap((d, i) => (d.field === null ? [] : [{ label: d.field, features: withItem(features[i] as string[], d.label) }]));
  const fields = fit(fieldData, options.minCount, options.train);
  items.temperature = options.temperature;
  fields.temperature = options.fieldTemperature;
  const { vocabulary } = items;
  const rarity = new FeatureRarity(vocabulary, vocabulary.counts ?? new Uint32Array(vocabulary.size), data.length);
  const matters =
    new Set(matterData.map((m) => m.matter)).size >= 2
      ? fit(matterData.map((m) => ({ label: m.matter, features: featurizer.strings(m.text) })), options.matterMinCount, options.train)
      : null;
  if (path && cacheDir) writeCache(cacheDir, path, items, fields, rarity, matters);
  return new Matcher(featurizer, items, fields, performance.now() - started, false, rarity, matters);
}

/** A classifier over its own vocabulary: the features seen in at least `minCount` rows. */
function fit(rows: readonly { label: string; features: string[] }[], minCount: number, options: TrainOptions): LinearModel {
  const vocabulary = Vocabulary.build(rows.map((r) => r.features), minCount);
  return trainOn(rows.map((r) => ({ label: r.label, ids: vocabulary.ids(r.features) })), vocabulary, options);
}

export function trainOn(rows: { label: string; ids: Uint32Array }[], vocabulary: Vocabulary, options: TrainOptions): LinearModel {
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const examples: Example[] = rows.map((r) => ({ ids: r.ids, label: index.get(r.label) as number }));
  return train(examples, labels, vocabulary, options);
}

// Cache file: a JSON header line, then the float arrays back to back.
function writeCache(dir: string, path: string, items: LinearModel, fields: LinearModel, rarity: FeatureRarity, matters: LinearModel | null): void {
  try {
    mkdirSync(dir, { recursive: true });
    const header = JSON.stringify({
      format: FORMAT,
      vocabulary: items.vocabulary.list(),
      fieldVocabulary: fields.vocabulary.list(),
      items: items.labels,
      fields: fields.labels,
      messages: rarity.messages,
      matterVocabulary: matters?.vocabulary.list() ?? null,
      matters: matters?.labels ?? null,
    });
    const counts = Buffer.from(rarity.counts.buffer, rarity.counts.byteOffset, rarity.counts.byteLength);
    const parts = [Buffer.from(`${header}\n`), f32(items.weights), f32(items.bias), f32(fields.weights), f32(fields.bias), counts, ...(matters ? [f32(matters.weights), f32(matters.bias)] : [])];
    const temp = `${path}.${process.pid}`;
    writeFileSync(temp, Buffer.concat(parts));
    renameSync(temp, path); // atomic: a concurrent start sees a whole file or none
  } catch {
    // A read-only cache folder only costs training at the next start.
  }
}

function readCache(path: string): { items: LinearModel; fields: LinearModel; rarity: FeatureRarity; matters: LinearModel | null } | undefined {
  try {
    const buf = readFileSync(path);
    const nl = buf.indexOf(10);
    const header = JSON.parse(buf.subarray(0, nl).toString('utf8')) as {
      format: string;
      vocabulary: string[];
      fieldVocabulary: string[];
      items: string[];
      fields: string[];
      messages: number;
      matterVocabulary: string[] | null;
      matters: string[] | null;
    };
    if (header.format !== FORMAT) return undefined;
    const vocabulary = Vocabulary.fromList(header.vocabulary);
    let at = nl + 1;
    const take = <T extends Float32Array | Uint32Array>(out: T): T => {
      Buffer.from(out.buffer).set(buf.subarray(at, at + out.byteLength));
      at += out.byteLength;
      return out;
    };
    const model = (labels: string[], v: Vocabulary) => new LinearModel(labels, v, take(new Float32Array(v.size * labels.length)), take(new Float32Array(labels.length)));
    const items = model(header.items, vocabulary);
    const fields = model(header.fields, Vocabulary.fromList(header.fieldVocabulary));
    const rarity = new FeatureRarity(vocabulary, take(new Uint32Array(vocabulary.size)), header.messages);
    const matters = header.matters && header.matterVocabulary ? model(header.matters, Vocabulary.fromList(header.matterVocabulary)) : null;
    return at === buf.length ? { items, fields, rarity, matters } : undefined;
  } catch {
    return undefined;
  }
}

function f32(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}
