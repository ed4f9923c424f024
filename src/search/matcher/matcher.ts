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
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Featurizer } from './features.js';
import { FeatureRarity } from './rarity.js';
import { LinearModel, type Prediction } from './model.js';
import { DEFAULT_TRAIN, train, type Example, type TrainOptions } from './train.js';
import { Vocabulary } from './vocabulary.js';
import type { Labelled } from './dataset.js';
import { messageCache } from '../../text/tokenizer.js';

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
  /** The matter classifier's training (many more classes than items: a softmax over hundreds). */
  matterTrain: TrainOptions;
  /** Calibration of each classifier (chosen on held-out folds by `npm run eval`). */
  temperature: number;
  fieldTemperature: number;
}

/**
 * The matter classifier trains 8 epochs at learning rate 2 instead of the items' 25 at 0.4.
 * Measured 2026-11-26 at 342 matters and ~14,600 phrasings (grouping F1 on the dev and dev 2
 * demand sets, default grouping): 25 epochs at 0.4 took 32 s for 0.788/0.779; 8 at 2, 11 s
 * for 0.794/0.806; 12 at 1.2, 15 s for 0.796/0.802; fewer epochs at 0.4 lost much (8: 0.717/0.587).
 */
const MATTER_TRAIN: TrainOptions = { ...DEFAULT_TRAIN, epochs: 8, learningRate: 2 };

export const DEFAULT_MATCHER: MatcherOptions = { train: DEFAULT_TRAIN, minCount: 2, matterMinCount: 5, matterTrain: MATTER_TRAIN, temperature: 0.6, fieldTemperature: 1 };

/** Bumped when the cache file's layout, the features or the training change meaning; always to a
 *  value never used before (a cache an abandoned experiment wrote under a reused value is read back). */
const FORMAT = 'wz-matcher-10-1128';

/**
 * Where the matter classifier is read from when first asked for. It is the largest part of
 * the matcher (62 MB of weights at 488 matters) and only the demand grouping uses it, so a
 * start from the cache leaves it on disk: the server reads it in the background right after
 * start (`mattersReady`, without blocking requests), and a question grouped before that reads
 * it at once.
 */
export interface MattersFile {
  read(): LinearModel | null;
  readAsync(): Promise<LinearModel | null>;
}

export class Matcher {
  /** A message's feature columns, asked for again by each reading of it (see BoundedCache). */
  private readonly idsCache = messageCache<Uint32Array>();
  /** The same in the section classifier's vocabulary, before joining to an item. */
  private readonly fieldPlainCache = messageCache<Uint32Array>();
  private joined: Map<string, Map<number, number>> | undefined;
  /** The matter classifier once read (null: none); undefined while it is still on disk. */
  private mattersModel: LinearModel | null | undefined;
  private readonly mattersFile: MattersFile | null;

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
    /** Matters the bot does not answer (null without knowledge/demand-matters/), or where to read them. */
    matters: LinearModel | null | MattersFile = null,
  ) {
    const onDisk = matters !== null && !(matters instanceof LinearModel);
    this.mattersFile = onDisk ? matters : null;
    this.mattersModel = onDisk ? undefined : matters;
  }

  /** Matters the bot does not answer (null without knowledge/demand-matters/), read from disk when first asked for. */
  get matters(): LinearModel | null {
    if (this.mattersModel === undefined) this.mattersModel = this.mattersFile?.read() ?? null;
    return this.mattersModel;
  }

  /** Reads the matter classifier off the serving thread if it is still on disk (the promise); null when there is nothing to read. */
  mattersReady(): Promise<void> | null {
    const file = this.mattersFile;
    if (this.mattersModel !== undefined || !file) return null;
    return file.readAsync().then((model) => {
      if (this.mattersModel === undefined) this.mattersModel = model;
    });
  }

  /** The matters (the bot does not answer) a message most likely asks about, best first. */
  matter(text: string, k = 2, strings = this.featurizer.strings(text)): Prediction[] {
    return this.matters ? this.matters.top(this.matters.vocabulary.ids(strings), k) : [];
  }

  /** Feature columns of a message in the item classifier's vocabulary. */
  ids(text: string): Uint32Array {
    return this.idsCache.get(text, (t) => this.items.vocabulary.ids(this.featurizer.strings(t)));
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
    return this.fields.top(this.fieldIds(text, item, strings), 1)[0] ?? { label: '', p: 0 };
  }

  /**
   * The section classifier's columns of a message asked about `item`: those of its features and
   * of the same joined to the item (withItem), found through the plain ones' columns instead of
   * joining and looking up every feature again for each item asked about (the largest cost of
   * answering, measured: a fifth of the time in vocabulary lookups). The same columns: a joined
   * feature is kept only if seen as often as its plain one, which is then kept too.
   */
  private fieldIds(text: string, item: string, strings: readonly string[]): Uint32Array {
    const plain = this.fieldPlainCache.get(text, () => this.fields.vocabulary.ids(strings));
    const joined = this.joinedColumns().get(item);
    if (!joined) return plain;
    const out: number[] = Array.from(plain);
    for (const c of plain) {
      const j = joined.get(c);
      if (j !== undefined) out.push(j);
    }
    return Uint32Array.from(out).sort();
  }

  /** For each item, plain feature column → the column of that feature joined to the item (when kept). */
  private joinedColumns(): Map<string, Map<number, number>> {
    if (this.joined) return this.joined;
    const { index } = this.fields.vocabulary;
    const joined = new Map<string, Map<number, number>>();
    for (const [feature, column] of index) {
      const bar = feature.indexOf(ITEM_JOIN);
      if (bar < 0) continue;
      const plain = index.get(feature.slice(bar + ITEM_JOIN.length));
      if (plain === undefined) continue;
      const item = feature.slice(0, bar);
      let row = joined.get(item);
      if (!row) joined.set(item, (row = new Map()));
      row.set(plain, column);
    }
    return (this.joined = joined);
  }
}

/** Joins a feature to the item it was asked about (the section classifier learns both). */
const ITEM_JOIN = '|';

function withItem(features: readonly string[], item: string): string[] {
  return [...features, ...features.map((f) => `${item}${ITEM_JOIN}${f}`)];
}

/** A message labelled with a matter the bot does not answer (knowledge/demand-matters/). */
export interface MatterExample {
  text: string;
  matter: string;
}

/**
 * Train the classifiers on a labelled set (or load them from the cache folder). The item and
 * section classifiers and the matter classifier are cached apart, each by a hash of what it
 * depends on: a staff edit to an item retrains the first two (seconds) and loads the matter
 * classifier (the slow one: a softmax over hundreds of matters) unchanged. `dictionary` names
 * the words the tokenizer was given, which change what both learn from the same texts.
 */
export function buildMatcher(
  data: readonly Labelled[],
  featurizer: Featurizer,
  options: MatcherOptions = DEFAULT_MATCHER,
  cacheDir?: string,
  matterData: readonly MatterExample[] = [],
  dictionary = '',
): Matcher {
  const started = performance.now();
  const key = (what: unknown) => createHash('sha256').update(JSON.stringify([FORMAT, featurizer.options, dictionary, what])).digest('hex').slice(0, 24);
  const path = cacheDir && join(cacheDir, `matcher-${key([options.train, options.minCount, data.map((d) => [d.text, d.label, d.field])])}.bin`);
  const hasMatters = new Set(matterData.map((m) => m.matter)).size >= 2;
  const matterPath = cacheDir && hasMatters && join(cacheDir, `matters-${key([options.matterTrain, options.matterMinCount, matterData.map((m) => [m.text, m.matter])])}.bin`);

  let models = path && existsSync(path) ? readCache(path) : undefined;
  // The matter classifier stays on disk until asked for (MattersFile); touched now, so pruning keeps it.
  let matters: LinearModel | MattersFile | undefined = matterPath && existsSync(matterPath) ? lazyMatters(matterPath) : undefined;
  const cached = !!models && (!hasMatters || !!matters);
  if (!models) {
    // Features only when training: a start from the cache must not pay for them.
    const features = data.map((d) => featurizer.strings(d.text));
    const items = fit(data.map((d, i) => ({ label: d.label, features: features[i] as string[] })), options.minCount, options.train);
    const fieldData = data.flatMap((d, i) => (d.field === null ? [] : [{ label: d.field, features: withItem(features[i] as string[], d.label) }]));
    const fields = fit(fieldData, options.minCount, options.train);
    const { vocabulary } = items;
    models = { items, fields, rarity: new FeatureRarity(vocabulary, vocabulary.counts ?? new Uint32Array(vocabulary.size), data.length) };
    if (path && cacheDir) writeCache(cacheDir, path, models.items, models.fields, models.rarity);
  }
  if (hasMatters && !matters) {
    matters = fit(matterData.map((m) => ({ label: m.matter, features: featurizer.strings(m.text) })), options.matterMinCount, options.matterTrain);
    if (matterPath && cacheDir) writeMatters(cacheDir, matterPath, matters);
  }
  models.items.temperature = options.temperature;
  models.fields.temperature = options.fieldTemperature;
  return new Matcher(featurizer, models.items, models.fields, performance.now() - started, cached, models.rarity, matters ?? null);
}

/** A classifier over its own vocabulary: the features seen in at least `minCount` rows. */
function fit(rows: readonly { label: string; features: readonly string[] }[], minCount: number, options: TrainOptions): LinearModel {
  const vocabulary = Vocabulary.build(rows.map((r) => r.features), minCount);
  return trainOn(rows.map((r) => ({ label: r.label, ids: vocabulary.ids(r.features) })), vocabulary, options);
}

export function trainOn(rows: { label: string; ids: Uint32Array }[], vocabulary: Vocabulary, options: TrainOptions): LinearModel {
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const examples: Example[] = rows.map((r) => ({ ids: r.ids, label: index.get(r.label) as number }));
  return train(examples, labels, vocabulary, options);
}

// Cache files: a JSON header line, then the float arrays back to back, written to a temp
// name and renamed (atomic: a concurrent start sees a whole file or none). A read-only
// cache folder only costs training at the next start.
function writeCacheFile(dir: string, path: string, header: object, arrays: (Float32Array | Uint32Array)[]): void {
  try {
    mkdirSync(dir, { recursive: true });
    const parts = [Buffer.from(`${JSON.stringify({ format: FORMAT, ...header })}\n`), ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))];
    const temp = `${path}.${process.pid}`;
    writeFileSync(temp, Buffer.concat(parts));
    renameSync(temp, path);
    pruneStale(dir);
  } catch {
    // a read-only or full cache folder: trained again at the next start
  }
}

/** Cache files (and temp files a crash left) not used for this long are deleted when a new one is written. */
export const STALE_CACHE_MS = 7 * 24 * 3600 * 1000;
const CACHE_FILE = /^(matcher|matters)-[0-9a-f]{24}\.bin(\.\d+)?$/;

/**
 * Every knowledge edit keys a new cache file (22 MB for the items, 36 MB for the matters at
 * the shipped knowledge), so the folder would only grow: files unused for a week go. A file
 * in use is touched at each load (below), so it stays.
 */
function pruneStale(dir: string): void {
  const before = Date.now() - STALE_CACHE_MS;
  for (const name of readdirSync(dir)) {
    if (!CACHE_FILE.test(name)) continue;
    const file = join(dir, name);
    try {
      if (statSync(file).mtimeMs < before) unlinkSync(file);
    } catch {
      // another process pruned it first
    }
  }
}

/**
 * Reads a cache file: its header, and a reader taking the arrays in order (undefined unless
 * the file is whole). The arrays are read from the file straight into place: reading the
 * whole file first would hold its tens of megabytes twice while the server starts.
 */
/** Fills an array from the cache file, in file order, and gives it back. */
type Take = <T extends Float32Array | Uint32Array>(out: T) => T;

function readCacheFile<H extends { format: string }, R>(path: string, read: (header: H, take: Take) => R): R | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const head = cacheHeader<H>(fd);
    if (!head) return undefined;
    let at = head.length;
    const file = fd;
    const take: Take = (out) => {
      if (at + out.byteLength > size || readSync(file, out, 0, out.byteLength, at) !== out.byteLength) throw new Error('short cache file');
      at += out.byteLength;
      return out;
    };
    const result = read(head.header, take);
    if (at !== size) return undefined;
    touch(path);
    return result;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * readCacheFile with the arrays filled by libuv's thread pool: the same `read` lays them out
 * (take hands each back empty and notes where it lies), then they are read in off the serving
 * thread, which only parses the header.
 */
async function readCacheFileAsync<H extends { format: string }, R>(path: string, read: (header: H, take: Take) => R): Promise<R | undefined> {
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    const { size } = await file.stat();
    const head = cacheHeader<H>(file.fd);
    if (!head) return undefined;
    const parts: { out: Float32Array | Uint32Array; at: number }[] = [];
    let at = head.length;
    const take: Take = (out) => {
      parts.push({ out, at });
      at += out.byteLength;
      return out;
    };
    const result = read(head.header, take);
    if (at !== size) return undefined;
    for (const { out, at: position } of parts) {
      if ((await file.read(out, 0, out.byteLength, position)).bytesRead !== out.byteLength) return undefined;
    }
    touch(path);
    return result;
  } catch {
    return undefined;
  } finally {
    await file?.close();
  }
}

/** A cache file's parsed header and its length in bytes, if it is of this FORMAT. */
function cacheHeader<H extends { format: string }>(fd: number): { header: H; length: number } | undefined {
  const { header, length } = readHeaderLine(fd);
  if (!header) return undefined;
  const parsed = JSON.parse(header) as H;
  return parsed.format === FORMAT ? { header: parsed, length } : undefined;
}

/** The JSON header line of a cache file and its length in bytes with the newline ("" when there is none). */
function readHeaderLine(fd: number): { header: string; length: number } {
  const parts: Buffer[] = [];
  let position = 0;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    const n = readSync(fd, chunk, 0, chunk.length, position);
    if (n === 0) return { header: '', length: 0 };
    const nl = chunk.subarray(0, n).indexOf(10);
    if (nl >= 0) {
      parts.push(chunk.subarray(0, nl));
      const header = Buffer.concat(parts).toString('utf8');
      return { header, length: position + nl + 1 };
    }
    parts.push(chunk.subarray(0, n));
    position += n;
  }
}

/** Marks a cache file as in use (its modification time), so pruning keeps it. */
function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // a read-only cache folder: nothing is pruned there either
  }
}

function modelOf(labels: string[], vocabulary: Vocabulary, take: Take): LinearModel {
  return new LinearModel(labels, vocabulary, take(new Float32Array(vocabulary.size * labels.length)), take(new Float32Array(labels.length)));
}

interface Models {
  items: LinearModel;
  fields: LinearModel;
  rarity: FeatureRarity;
}

function writeCache(dir: string, path: string, items: LinearModel, fields: LinearModel, rarity: FeatureRarity): void {
  const header = { vocabulary: items.vocabulary.list(), fieldVocabulary: fields.vocabulary.list(), items: items.labels, fields: fields.labels, messages: rarity.messages };
  writeCacheFile(dir, path, header, [items.weights, items.bias, fields.weights, fields.bias, rarity.counts]);
}

function readCache(path: string): Models | undefined {
  type Header = { format: string; vocabulary: string[]; fieldVocabulary: string[]; items: string[]; fields: string[]; messages: number };
  return readCacheFile<Header, Models>(path, (header, take) => {
    const vocabulary = Vocabulary.fromList(header.vocabulary);
    const items = modelOf(header.items, vocabulary, take);
    const fields = modelOf(header.fields, Vocabulary.fromList(header.fieldVocabulary), take);
    return { items, fields, rarity: new FeatureRarity(vocabulary, take(new Uint32Array(vocabulary.size)), header.messages) };
  });
}

function writeMatters(dir: string, path: string, matters: LinearModel): void {
  writeCacheFile(dir, path, { vocabulary: matters.vocabulary.list(), matters: matters.labels }, [matters.weights, matters.bias]);
}

/**
 * The cached matter classifier at `path`, read when first asked for. A file no longer whole
 * then gives none (grouping goes on without it) and is deleted, so the next build (a reload,
 * the next start) trains it again instead of trusting it.
 */
function lazyMatters(path: string): MattersFile {
  touch(path);
  const whole = (model: LinearModel | undefined) => {
    if (model) return model;
    try {
      unlinkSync(path);
    } catch {
      // already gone, or a read-only cache folder
    }
    return null;
  };
  return { read: () => whole(readMatters(path)), readAsync: async () => whole(await readMattersAsync(path)) };
}

type MattersHeader = { format: string; vocabulary: string[]; matters: string[] };
const mattersOf = (header: MattersHeader, take: Take) => modelOf(header.matters, Vocabulary.fromList(header.vocabulary), take);

function readMatters(path: string): LinearModel | undefined {
  return readCacheFile(path, mattersOf);
}

function readMattersAsync(path: string): Promise<LinearModel | undefined> {
  return readCacheFileAsync(path, mattersOf);
}
