/**
 * Handing a brain built in the reload's worker thread to the serving thread, in pieces.
 *
 * A built brain is tens of megabytes of objects; copied across threads in one message, the
 * serving thread would stop for its deserialisation (about 40 ms at the shipped knowledge,
 * over a second at 5,000 items). So the worker cuts it into chunks (`pack`): knowledge and
 * intents without their items, then items a few hundred at a time with their index entries,
 * then the index's term tables and jieba's new words in slices, then the matcher, whose
 * weights move as transferable buffers (no copy). The serving thread asks for one chunk at
 * a time and puts each in place between requests (`Unpacker`), so no step holds it for
 * more than a few milliseconds; the brain is swapped in only when the last chunk is in.
 */
import type { Intents } from '../intents/types.js';
import { Offices } from '../knowledge/offices.js';
import type { Knowledge, KnowledgeItem } from '../knowledge/types.js';
import { QueryAnalyzer } from '../search/analyze.js';
import { SearchIndex, type IndexedItem, type Posting } from '../search/index.js';
import { Featurizer, type FeatureOptions } from '../search/matcher/features.js';
import { Matcher } from '../search/matcher/matcher.js';
import { FeatureRarity } from '../search/matcher/rarity.js';
import { LinearModel } from '../search/matcher/model.js';
import { Vocabulary } from '../search/matcher/vocabulary.js';
import { addWords, Tokenizer } from '../text/tokenizer.js';
import type { Brain } from './brain.js';

/** Items per chunk, terms per chunk: each chunk costs the serving thread a few milliseconds. */
export const ITEMS_PER_CHUNK = 50;
export const TERMS_PER_CHUNK = 8_000;

interface ModelParts {
  labels: readonly string[];
  vocabulary: string[];
  weights: Float32Array;
  bias: Float32Array;
  temperature: number;
}

export type Chunk =
  | { kind: 'start'; knowledge: Omit<Knowledge, 'items'>; intents: Intents; items: number; builtAt: Date; buildMs: number }
  | { kind: 'items'; items: KnowledgeItem[]; strong: string[][]; body: string[][]; phrases: IndexedItem['phrases'][] }
  | { kind: 'words'; words: string[] }
  | { kind: 'postings'; terms: string[]; offsets: Uint32Array; docs: Uint32Array; boosts: Float32Array }
  | { kind: 'idfs'; terms: string[]; values: Float64Array }
  | { kind: 'topics' | 'subjects'; terms: string[] }
  | { kind: 'vocabulary'; model: 'items' | 'fields' | 'matters'; features: string[] }
  | {
      kind: 'matcher';
      items: Omit<ModelParts, 'vocabulary'>;
      fields: Omit<ModelParts, 'vocabulary'>;
      matters: Omit<ModelParts, 'vocabulary'> | null;
      features: FeatureOptions;
      buildMs: number;
      cached: boolean;
      rarity: { counts: Uint32Array; messages: number };
    };

function slices<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/**
 * Cut a built brain into chunks, with the buffers each may move instead of copy. `words`
 * are the jieba words the worker was taught beyond what the serving thread knows.
 */
export function pack(brain: Brain, words: string[]): { chunk: Chunk; transfer: ArrayBuffer[] }[] {
  const out: { chunk: Chunk; transfer: ArrayBuffer[] }[] = [];
  const put = (chunk: Chunk, transfer: ArrayBuffer[] = []) => out.push({ chunk, transfer });
  const { items, ...knowledge } = brain.knowledge;
  put({ kind: 'start', knowledge, intents: brain.intents, items: items.length, builtAt: brain.builtAt, buildMs: brain.buildMs });

  const parts = brain.index.toParts();
  for (const group of slices(items, ITEMS_PER_CHUNK)) {
    const entries = group.map((item) => parts.entries.get(item.id) as IndexedItem);
    put({ kind: 'items', items: group, strong: entries.map((e) => [...e.strong]), body: entries.map((e) => [...e.body]), phrases: entries.map((e) => e.phrases) });
  }
  for (const group of slices(words, TERMS_PER_CHUNK * 4)) put({ kind: 'words', words: group });

  for (const group of slices([...parts.postings], TERMS_PER_CHUNK)) {
    const offsets = new Uint32Array(group.length + 1);
    group.forEach(([, p], i) => (offsets[i + 1] = (offsets[i] as number) + p.docs.length));
    const total = offsets[group.length] as number;
    const docs = new Uint32Array(total);
    const boosts = new Float32Array(total);
    group.forEach(([, p], i) => {
      docs.set(p.docs, offsets[i]);
      boosts.set(p.boosts, offsets[i]);
    });
    put({ kind: 'postings', terms: group.map(([t]) => t), offsets, docs, boosts }, [offsets.buffer, docs.buffer, boosts.buffer]);
  }
  for (const group of slices([...parts.idfs], TERMS_PER_CHUNK)) {
    const values = Float64Array.from(group, ([, v]) => v);
    put({ kind: 'idfs', terms: group.map(([t]) => t), values }, [values.buffer]);
  }
  for (const group of slices([...parts.topics], TERMS_PER_CHUNK * 2)) put({ kind: 'topics', terms: group });
  for (const group of slices([...parts.subjects], TERMS_PER_CHUNK * 2)) put({ kind: 'subjects', terms: group });

  const { matcher } = brain;
  for (const [name, model] of [['items', matcher.items], ['fields', matcher.fields], ['matters', matcher.matters]] as const) {
    if (!model) continue;
    for (const group of slices(model.vocabulary.list(), TERMS_PER_CHUNK)) put({ kind: 'vocabulary', model: name, features: group });
  }
  const model = (m: LinearModel) => ({ labels: m.labels, weights: m.weights, bias: m.bias, temperature: m.temperature });
  put(
    {
      kind: 'matcher',
      items: model(matcher.items),
      fields: model(matcher.fields),
      matters: matcher.matters && model(matcher.matters),
      features: matcher.featurizer.options,
      buildMs: matcher.buildMs,
      cached: matcher.cached,
      rarity: { counts: matcher.rarity.counts, messages: matcher.rarity.messages },
    },
    [
      matcher.items.weights.buffer,
      matcher.items.bias.buffer,
      matcher.fields.weights.buffer,
      matcher.fields.bias.buffer,
      matcher.rarity.counts.buffer,
      ...(matcher.matters ? [matcher.matters.weights.buffer, matcher.matters.bias.buffer] : []),
    ] as ArrayBuffer[],
  );
  return out;
}

/** Puts chunks back together on the serving thread, one `add` per chunk, in order. */
export class Unpacker {
  private start: Extract<Chunk, { kind: 'start' }> | undefined;
  private readonly items: KnowledgeItem[] = [];
  private readonly entries = new Map<string, IndexedItem>();
  private readonly postings = new Map<string, Posting>();
  private readonly idfs = new Map<string, number>();
  private readonly topics = new Set<string>();
  private readonly subjects = new Set<string>();
  private readonly vocabularies = { items: new Map<string, number>(), fields: new Map<string, number>(), matters: new Map<string, number>() };
  private brain: Brain | undefined;

  add(chunk: Chunk): void {
    switch (chunk.kind) {
      case 'start':
        this.start = chunk;
        // A class instance crosses threads as its fields: give it its methods back.
        Object.setPrototypeOf(chunk.knowledge.offices, Offices.prototype);
        return;
      case 'items':
        chunk.items.forEach((item, i) => {
          this.items.push(item);
          this.entries.set(item.id, { item, strong: new Set(chunk.strong[i]), body: new Set(chunk.body[i]), phrases: chunk.phrases[i] ?? [] });
        });
        return;
      case 'words':
        // The serving thread's jieba learns the new brain's words before it serves it.
        addWords(chunk.words);
        return;
      case 'postings':
        chunk.terms.forEach((term, i) => {
          const [from, to] = [chunk.offsets[i] as number, chunk.offsets[i + 1] as number];
          this.postings.set(term, { docs: chunk.docs.subarray(from, to), boosts: chunk.boosts.subarray(from, to) });
        });
        return;
      case 'idfs':
        chunk.terms.forEach((term, i) => this.idfs.set(term, chunk.values[i] as number));
        return;
      case 'topics':
      case 'subjects':
        for (const t of chunk.terms) this[chunk.kind].add(t);
        return;
      case 'vocabulary': {
        const index = this.vocabularies[chunk.model];
        for (const f of chunk.features) index.set(f, index.size);
        return;
      }
      case 'matcher':
        this.brain = this.assemble(chunk);
        return;
    }
  }

  /** The brain, once the last chunk is in. */
  result(): Brain {
    if (!this.brain) throw new Error('the build worker stopped before the whole brain arrived');
    return this.brain;
  }

  private assemble(m: Extract<Chunk, { kind: 'matcher' }>): Brain {
    const start = this.start;
    if (!start || this.items.length !== start.items) throw new Error('brain chunks arrived incomplete');
    const knowledge: Knowledge = { ...start.knowledge, items: this.items };
    const { intents } = start;
    const tokenizer = new Tokenizer(knowledge.lexicon.stopwords);
    const index = SearchIndex.fromParts({ ids: this.items.map((i) => i.id), entries: this.entries, postings: this.postings, idfs: this.idfs, topics: this.topics, subjects: this.subjects }, tokenizer);
    const items = Vocabulary.fromIndex(this.vocabularies.items);
    const model = (p: Omit<ModelParts, 'vocabulary'>, vocabulary: Vocabulary) => new LinearModel(p.labels, vocabulary, p.weights, p.bias, p.temperature);
    const featurizer = new Featurizer(tokenizer, new Map(knowledge.lexicon.synonyms.map((s) => [s.from, s.to])), m.features);
    return {
      knowledge,
      intents,
      tokenizer,
      index,
      analyzer: new QueryAnalyzer(tokenizer, knowledge.lexicon, intents.fields, intents.fallback.outOfScope),
      matcher: new Matcher(
        featurizer,
        model(m.items, items),
        model(m.fields, Vocabulary.fromIndex(this.vocabularies.fields)),
        m.buildMs,
        m.cached,
        new FeatureRarity(items, m.rarity.counts, m.rarity.messages),
        m.matters && model(m.matters, Vocabulary.fromIndex(this.vocabularies.matters)),
      ),
      items: new Map(this.items.map((i) => [i.id, i])),
      builtAt: start.builtAt,
      buildMs: start.buildMs,
    };
  }
}

/**
 * A brain built on this thread, passed through the same chunks a reload's brain comes in
 * (copied, not sent). Objects that crossed threads have other hidden classes than objects
 * built here; a server whose first brain was built here would meet new shapes on its first
 * reload, and its hot code would de-optimise while serving. Starting from a brain that has
 * made the same trip keeps every brain alike.
 */
export function throughChunks(brain: Brain): Brain {
  const unpacker = new Unpacker();
  // The weights are moved, not copied (the brain built here is dropped): a copy would hold
  // both sets at once and raise the resident size the server starts with.
  for (const { chunk, transfer } of pack(brain, [])) unpacker.add(structuredClone(chunk, { transfer }));
  return { ...unpacker.result(), buildMs: brain.buildMs };
}
