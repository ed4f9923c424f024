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
import { normalize } from '../text/normalize.js';

/** Field boosts: a match in the title or an alias says far more than one in the body. */
export const FIELD_BOOSTS = { title: 10, aliases: 6, keywords: 5, body: 1 } as const;
/** The fields candidates are looked up in (see `candidates`). */
const STRONG_FIELDS = ['title', 'aliases', 'keywords'] as const;
/** At most this many terms, the most telling ones, go into the candidate query. */
export const CANDIDATE_TERMS = 12;
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
  phrases: { words: Set<string>; parts: Set<string>; weight: number }[];
}

export class SearchIndex {
  /** term → item ids and the boost of the strongest field it appears in. */
  private readonly postings: Map<string, { id: string; boost: number }[]>;
  readonly entries: Map<string, IndexedItem>;
  /** ln(1 + N / df): how much a term tells items apart. */
  private readonly idfs = new Map<string, number>();
  /** Terms some item is about (in a title, alias or keyword), not merely mentions. */
  private readonly topics = new Set<string>();
  /** Terms of titles and keywords: the names of businesses (居住证, 分户), not phrasing. */
  private readonly subjects = new Set<string>();

  constructor(items: KnowledgeItem[], readonly tokenizer: Tokenizer) {
    const tok = (text: string) => tokenizer.tokenize(normalize(text, 100_000).text);
    this.entries = new Map();
    const df = new Map<string, number>();

    for (const item of items) {
      const strong = new Set([item.title, ...item.aliases, ...item.keywords].flatMap(tok));
      const body = new Set([item.summary, ...item.sections.map((s) => s.body)].flatMap(tok));
      for (const t of new Set([...strong, ...body])) df.set(t, (df.get(t) ?? 0) + 1);
      for (const t of strong) this.topics.add(t);
      for (const t of [item.title, ...item.keywords].flatMap(tok)) this.subjects.add(t);
      this.entries.set(item.id, { item, strong, body, phrases: [] });
    }
    const n = Math.max(items.length, 1);
    for (const [t, d] of df) this.idfs.set(t, Math.log(1 + n / d));

    for (const entry of this.entries.values()) {
      const { item } = entry;
      entry.phrases = [item.title, ...item.aliases].map((p) => {
        const words = tokenizer.words(normalize(p).text);
        const parts = new Set(words.flatMap((w) => tokenizer.parts(w).slice(1)));
        return { words: new Set(words), parts, weight: words.reduce((sum, w) => sum + this.idf(w), 0) };
      });
    }

    const docs = items.map((item) => ({
      id: item.id,
      title: tok(item.title),
      aliases: item.aliases.flatMap(tok),
      keywords: item.keywords.flatMap(tok),
      body: [item.summary, ...item.sections.map((s) => s.body)].flatMap(tok),
    }));
    const index = lunr(function () {
      this.pipeline.reset();
      this.searchPipeline.reset();
      this.ref('id');
      for (const [field, boost] of Object.entries(FIELD_BOOSTS)) this.field(field, { boost });
      for (const doc of docs) this.add(doc);
    });
    // Only the postings are kept: the lunr index itself (field vectors, token set) is
    // not needed once they are read, and holding it would double the memory.
    this.postings = readPostings(index);
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
    const scores = new Map<string, number>();
    for (const [term, weight] of chosen) {
      for (const { id, boost } of this.postings.get(term) ?? []) scores.set(id, (scores.get(id) ?? 0) + weight * boost);
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id, score]) => ({ id, score }));
  }
}

/** Postings of the strong fields from lunr's serialised index (its documented JSON form). */
function readPostings(index: lunr.Index): Map<string, { id: string; boost: number }[]> {
  const json = index.toJSON() as unknown as { invertedIndex: [string, Record<string, Record<string, unknown>>][] };
  const out = new Map<string, { id: string; boost: number }[]>();
  for (const [term, posting] of json.invertedIndex) {
    const best = new Map<string, number>();
    for (const field of STRONG_FIELDS) {
      const boost = FIELD_BOOSTS[field];
      for (const id of Object.keys(posting[field] ?? {})) best.set(id, Math.max(best.get(id) ?? 0, boost));
    }
    if (best.size) out.set(term, [...best].map(([id, boost]) => ({ id, boost })));
  }
  return out;
}
