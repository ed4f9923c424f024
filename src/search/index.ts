/**
 * The search index: lunr over the items (title, aliases, keywords, body, with boosts),
 * plus the term statistics the scorer needs.
 *
 * lunr is built with our tokenizer's output (it indexes arrays of tokens as they are) and
 * an empty pipeline: its English stemmer and trimmer would eat Chinese. Citizens' text
 * never reaches lunr's query parser (`index.search(text)` throws on `: ~ ^ + - *`).
 *
 * Candidates come from lunr's postings for exact terms (read once from the index's
 * documented JSON form), not from `index.query()`: lunr's query scores every matching
 * document against its full field vectors, which grows with the knowledge (at 1,000
 * synthetic items a query took over 10 ms). Looking up the few most telling terms and
 * re-ranking a bounded set of candidates keeps a query fast at 10,000 items.
 */
import lunr from 'lunr';
import type { KnowledgeItem } from '../knowledge/types.js';
import type { Tokenizer } from '../text/tokenizer.js';
import { itemText, type PreparedItem } from './prepare.js';
import { prepareItems, type PrepareOptions } from './prepare-parallel.js';

/** Field boosts: a match in the title or an alias says far more than one in the body. */
export const FIELD_BOOSTS = { title: 10, aliases: 6, keywords: 5, body: 1 } as const;
/** The fields candidates are looked up in (see `candidates`). */
const STRONG_FIELDS = ['title', 'aliases', 'keywords'] as const;
/** At most this many terms, the most telling ones, go into the candidate query. */
export const CANDIDATE_TERMS = 12;
/** normalize()'s default cap: phrases within it normalise the same as with the index's long one. */
const SHORT = 500;
/** ln(1 + N/df) below this (a term in about 40% of items or more) names no business. */
const SUBJECT_MIN_IDF = 1.2;

export interface IndexedItem {
  item: KnowledgeItem;
  /** Tokens of title, aliases and keywords: what the item is about. */
  strong: Set<string>;
  /** Tokens of the summary and sections: what the item mentions. */
  body: Set<string>;
  /**
   * Title and each alias: their words, the shorter words inside those (居住证 inside
   * 居住证签注, matched with less credit), and the sum of the words' weights.
   */
  phrases: { words: readonly string[]; parts: readonly string[]; weight: number }[];
}

export class SearchIndex {
  /** term → items (by position in `ids`) and the boost of the strongest field it is in. */
  private readonly postings: Map<string, Posting>;
  private readonly ids: string[];
  /** Per-query score accumulator, reused: queries run one at a time on Node's one thread. */
  private readonly scratch: { score: Float64Array; seen: Uint32Array; epoch: number };
  readonly entries: Map<string, IndexedItem>;
  /** ln(1 + N / df): how much a term tells items apart. */
  private readonly idfs = new Map<string, number>();
  /** Terms some item is about (in a title, alias or keyword), not merely mentions. */
  private readonly topics = new Set<string>();
  /** Terms of titles and keywords: the names of businesses (居住证, 分户), not phrasing. */
  private readonly subjects = new Set<string>();

  constructor(items: KnowledgeItem[], readonly tokenizer: Tokenizer, options: PrepareOptions = {}) {
    this.entries = new Map();
    // Items per term; a box per term, so counting an item is one lookup, not a get and a set.
    const df = new Map<string, { n: number }>();
    const count = (t: string) => {
      const c = df.get(t);
      if (c) c.n++;
      else df.set(t, { n: 1 });
    };

    // lunr's inverted index of the strong fields is what candidates are looked up in. Only
    // which items hold a term in which field is read, so each field gets its distinct
    // tokens, the body (never looked up) stays out, and the builder's inverted index is
    // read as it stands: lunr's field vectors and token set (build()) are never used. At
    // 10,000 items this took the build from 45 s to a few.
    const builder = new lunr.Builder();
    builder.pipeline.reset();
    builder.searchPipeline.reset();
    // Our tokens arrive cut and lower-cased (normalize): lunr's default tokenizer would
    // lower-case each again and clone the field's metadata into every token.
    builder.tokenizer = Object.assign((tokens: unknown) => (tokens as string[]).map((t) => new lunr.Token(t, {})), { separator: lunr.tokenizer.separator });
    builder.ref('id');
    for (const field of STRONG_FIELDS) builder.field(field, { boost: FIELD_BOOSTS[field] });

    // Each item's text is normalised and cut once, for both our tables and lunr's fields;
    // each item goes into them (in item order) as soon as it is ready.
    const built: { entry: IndexedItem; phrases: PreparedItem['phrases'] }[] = [];
    prepareItems(items.map(itemText), tokenizer, (i, doc) => {
      const item = items[i] as KnowledgeItem;
      const strong = new Set([...doc.title, ...doc.aliases, ...doc.keywords]);
      const body = new Set(doc.body);
      for (const t of strong) count(t);
      for (const t of body) if (!strong.has(t)) count(t);
      for (const t of strong) this.topics.add(t);
      for (const t of doc.title) this.subjects.add(t);
      for (const t of doc.keywords) this.subjects.add(t);
      const entry: IndexedItem = { item, strong, body, phrases: [] };
      built.push({ entry, phrases: doc.phrases });
      this.entries.set(item.id, entry);
      builder.add({ id: item.id, title: doc.title, aliases: doc.aliases, keywords: doc.keywords });
    }, options);
    const n = Math.max(items.length, 1);
    for (const [t, d] of df) this.idfs.set(t, Math.log(1 + n / d.n));

    for (const { entry, phrases } of built) {
      entry.phrases = phrases.map(({ words, parts }) => ({ words: [...new Set(words)], parts, weight: words.reduce((sum, w) => sum + this.idf(w), 0) }));
    }

    this.ids = [...this.entries.keys()];
    this.postings = readPostings(builder, new Map(this.ids.map((id, i) => [id, i])));
    this.scratch = { score: new Float64Array(this.ids.length), seen: new Uint32Array(this.ids.length), epoch: 0 };
  }

  /**
   * The index's tables, to hand a built index from the reload's build worker to the
   * serving thread (engine/transfer.ts), and `fromParts` to put them back together.
   */
  toParts(): IndexParts {
    return { ids: this.ids, entries: this.entries, postings: this.postings, idfs: this.idfs, topics: this.topics, subjects: this.subjects };
  }

  static fromParts(parts: IndexParts, tokenizer: Tokenizer): SearchIndex {
    const index = Object.create(SearchIndex.prototype) as SearchIndex;
    const n = parts.ids.length;
    Object.assign(index, { ...parts, tokenizer, scratch: { score: new Float64Array(n), seen: new Uint32Array(n), epoch: 0 } });
    return index;
  }

  /** Term weight; terms no item uses get none here (the scorer decides what they cost). */
  idf(term: string): number {
    return this.idfs.get(term) ?? 0;
  }

  known(term: string): boolean {
    return this.idfs.has(term);
  }

  /**
   * Does this term name a business, telling items apart? (In some title or keyword, and
   * not in most items: 办理 is everywhere and names nothing.)
   */
  isSubject(term: string): boolean {
    return this.subjects.has(term) && this.idf(term) >= SUBJECT_MIN_IDF;
  }

  /** The items whose title, aliases or keywords hold this term (its postings). */
  holders(term: string): string[] {
    const docs = this.postings.get(term)?.docs ?? [];
    return Array.from(docs, (d) => this.ids[d] as string);
  }

  /** Is some item about this term (not only mentioning it in a body)? */
  isTopic(term: string): boolean {
    return this.topics.has(term);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Candidate items for weighted terms, best first: the sum over terms of weight × the
   * boost of the strongest field the item has it in (title, aliases, keywords). Only the
   * most telling terms are looked up; a word in a body alone never makes a candidate.
   */
  candidates(terms: Map<string, number>, limit: number, maxTerms = CANDIDATE_TERMS): { id: string; score: number }[] {
    const chosen = [...terms].filter(([t]) => this.postings.has(t)).sort((a, b) => b[1] - a[1]).slice(0, maxTerms);
    // Typed arrays instead of a Map of scores: at 10,000 items a common term touches
    // thousands of items, and this loop is the query's hot path.
    const { score, seen } = this.scratch;
    const epoch = (this.scratch.epoch = (this.scratch.epoch + 1) >>> 0 || 1);
    if (epoch === 1) seen.fill(0);
    const touched: number[] = [];
    for (const [term, weight] of chosen) {
      const { docs, boosts } = this.postings.get(term) as Posting;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i] as number;
        if (seen[d] !== epoch) {
          seen[d] = epoch;
          score[d] = 0;
          touched.push(d);
        }
        score[d] = (score[d] as number) + weight * (boosts[i] as number);
      }
    }
    // The best `limit`, kept sorted by insertion; ties keep the order items were first
    // reached in (what a stable sort of all of them would give).
    const top: number[] = [];
    for (const d of touched) {
      const s = score[d] as number;
      if (top.length === limit && s <= (score[top[limit - 1] as number] as number)) continue;
      let at = top.length;
      while (at > 0 && (score[top[at - 1] as number] as number) < s) at--;
      top.splice(at, 0, d);
      if (top.length > limit) top.pop();
    }
    return top.map((d) => ({ id: this.ids[d] as string, score: score[d] as number }));
  }
}

/** The items (positions in `ids`) that hold a term in a strong field, and the best field's boost. */
export interface Posting {
  docs: Uint32Array;
  boosts: Float32Array;
}

export interface IndexParts {
  ids: string[];
  entries: Map<string, IndexedItem>;
  postings: Map<string, Posting>;
  idfs: Map<string, number>;
  topics: Set<string>;
  subjects: Set<string>;
}

/** Postings of the strong fields from lunr's inverted index (term → field → item ref → metadata). */
function readPostings(builder: lunr.Builder, position: Map<string, number>): Map<string, Posting> {
  const inverted = builder.invertedIndex as Record<string, Record<string, Record<string, unknown>>>;
  const out = new Map<string, Posting>();
  for (const term of Object.keys(inverted).sort()) {
    const posting = inverted[term] as Record<string, Record<string, unknown>>;
    const best = new Map<number, number>();
    for (const field of STRONG_FIELDS) {
      const boost = FIELD_BOOSTS[field];
      for (const id of Object.keys(posting[field] ?? {})) {
        const d = position.get(id);
        if (d !== undefined) best.set(d, Math.max(best.get(d) ?? 0, boost));
      }
    }
    if (best.size) out.set(term, { docs: Uint32Array.from(best.keys()), boosts: Float32Array.from(best.values()) });
  }
  return out;
}
