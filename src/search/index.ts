/**
 * The search index: lunr over the items (title, aliases, keywords, body, with boosts),
 * plus the term statistics the scorer needs.
 *
 * lunr is built with our tokenizer's output (it indexes arrays of tokens as they are) and
 * an empty pipeline: its English stemmer and trimmer would eat Chinese. Queries are built
 * with `index.query()` term clauses, never `index.search(text)`: lunr's query syntax
 * (`: ~ ^ + - *`) throws on what citizens type.
 */
import lunr from 'lunr';
import type { KnowledgeItem } from '../knowledge/types.js';
import type { Tokenizer } from '../text/tokenizer.js';
import { normalize } from '../text/normalize.js';
import { withExactTermLookup } from './exact-terms.js';

/** Field boosts: a match in the title or an alias says far more than one in the body. */
export const FIELD_BOOSTS = { title: 10, aliases: 6, keywords: 5, body: 1 } as const;
/** The fields candidates are looked up in (see `candidates`). */
const STRONG_FIELDS = ['title', 'aliases', 'keywords'];
/** At most this many terms, the most telling ones, go into the candidate query. */
export const CANDIDATE_TERMS = 12;

export interface IndexedItem {
  item: KnowledgeItem;
  /** Tokens of title, aliases and keywords: what the item is about. */
  strong: Set<string>;
  /** Tokens of the summary and sections: what the item mentions. */
  body: Set<string>;
  /** Title and each alias as token sets, with the sum of their term weights. */
  phrases: { terms: Set<string>; weight: number }[];
}

export class SearchIndex {
  readonly lunr: lunr.Index;
  readonly entries: Map<string, IndexedItem>;
  /** ln(1 + N / df): how much a term tells items apart. */
  private readonly idfs = new Map<string, number>();
  /** Terms some item is about (in a title, alias or keyword), not merely mentions. */
  private readonly topics = new Set<string>();

  constructor(items: KnowledgeItem[], readonly tokenizer: Tokenizer) {
    const tok = (text: string) => tokenizer.tokenize(normalize(text, 100_000).text);
    this.entries = new Map();
    const df = new Map<string, number>();

    for (const item of items) {
      const strong = new Set([item.title, ...item.aliases, ...item.keywords].flatMap(tok));
      const body = new Set([item.summary, ...item.sections.map((s) => s.body)].flatMap(tok));
      for (const t of new Set([...strong, ...body])) df.set(t, (df.get(t) ?? 0) + 1);
      for (const t of strong) this.topics.add(t);
      this.entries.set(item.id, { item, strong, body, phrases: [] });
    }
    const n = Math.max(items.length, 1);
    for (const [t, d] of df) this.idfs.set(t, Math.log(1 + n / d));

    for (const entry of this.entries.values()) {
      const { item } = entry;
      entry.phrases = [item.title, ...item.aliases].map((p) => {
        const words = tokenizer.words(normalize(p).text);
        const terms = new Set(words.flatMap((w) => tokenizer.parts(w)));
        return { terms, weight: words.reduce((sum, w) => sum + this.idf(w), 0) };
      });
    }

    const docs = items.map((item) => ({
      id: item.id,
      title: tok(item.title),
      aliases: item.aliases.flatMap(tok),
      keywords: item.keywords.flatMap(tok),
      body: [item.summary, ...item.sections.map((s) => s.body)].flatMap(tok),
    }));
    this.lunr = withExactTermLookup(lunr(function () {
      this.pipeline.reset();
      this.searchPipeline.reset();
      this.ref('id');
      for (const [field, boost] of Object.entries(FIELD_BOOSTS)) this.field(field, { boost });
      for (const doc of docs) this.add(doc);
    }));
  }

  /** Term weight; terms no item uses get none here (the scorer decides what they cost). */
  idf(term: string): number {
    return this.idfs.get(term) ?? 0;
  }

  known(term: string): boolean {
    return this.idfs.has(term);
  }

  /** Is some item about this term (not only mentioning it in a body)? */
  isTopic(term: string): boolean {
    return this.topics.has(term);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * lunr candidates for weighted terms: item id → lunr score.
   *
   * Not "search everything": only the most telling terms (highest weight) are asked, and
   * only in the fields that say what an item is about. A word in a body alone never makes
   * an item a good answer, and common words in thousands of bodies are what makes a naive
   * lunr query slow at scale.
   */
  candidates(terms: Map<string, number>, limit: number, maxTerms = CANDIDATE_TERMS): { id: string; score: number }[] {
    const known = [...terms].filter(([t]) => this.known(t)).sort((a, b) => b[1] - a[1]).slice(0, maxTerms);
    if (!known.length) return [];
    const results = this.lunr.query((q) => {
      for (const [term, boost] of known) {
        q.term(term, { boost, fields: STRONG_FIELDS, usePipeline: false, wildcard: lunr.Query.wildcard.NONE });
      }
    });
    return results.slice(0, limit).map((r) => ({ id: r.ref, score: r.score }));
  }
}
