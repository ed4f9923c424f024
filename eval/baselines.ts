/**
 * Baselines: what a team would build instead, run on the same questions.
 *  (a) plain lunr with its default (English) pipeline — what lunr gives Chinese text;
 *  (b) nodejieba + BM25 (MiniSearch), no synonyms, intents or dialog — the obvious
 *      home-grown alternative.
 * Each answers with its top item when the score clears a threshold (the best threshold
 * for that baseline on the set, so the comparison is generous to it), else falls back.
 */
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import nodejieba from 'nodejieba';
import type { KnowledgeItem } from '../src/knowledge/types.js';

export interface Baseline {
  name: string;
  /** Top item and its score, or null when nothing matched. */
  top(text: string): { id: string; score: number } | null;
}

const bodyOf = (item: KnowledgeItem) => [item.summary, ...item.sections.map((s) => s.body)].join('\n');

export function plainLunr(items: KnowledgeItem[]): Baseline {
  const index = lunr(function () {
    this.ref('id');
    this.field('title', { boost: 10 });
    this.field('aliases', { boost: 6 });
    this.field('keywords', { boost: 5 });
    this.field('body');
    for (const item of items) {
      this.add({ id: item.id, title: item.title, aliases: item.aliases.join(' '), keywords: item.keywords.join(' '), body: bodyOf(item) });
    }
  });
  return {
    name: 'lunr (default tokenizer)',
    top(text) {
      // Term clauses from lunr's own tokenizer: index.search(text) would throw on ':' '~' '^'.
      const tokens = lunr.tokenizer(text).map((t) => t.toString());
      if (!tokens.length) return null;
      const results = index.query((q) => {
        for (const t of tokens) q.term(t, { usePipeline: true });
      });
      const r = results[0];
      return r ? { id: r.ref, score: r.score } : null;
    },
  };
}

export function jiebaBm25(items: KnowledgeItem[]): Baseline {
  const tokenize = (text: string) => nodejieba.cut(text.toLowerCase()).filter((t) => /[\p{L}\p{N}]/u.test(t));
  const search = new MiniSearch<{ id: string; title: string; aliases: string; keywords: string; body: string }>({
    fields: ['title', 'aliases', 'keywords', 'body'],
    tokenize,
    searchOptions: { boost: { title: 3, aliases: 2, keywords: 2 }, tokenize },
  });
  search.addAll(items.map((i) => ({ id: i.id, title: i.title, aliases: i.aliases.join('\n'), keywords: i.keywords.join(' '), body: bodyOf(i) })));
  return {
    name: 'nodejieba + BM25 (MiniSearch)',
    top(text) {
      const r = search.search(text)[0];
      return r ? { id: String(r.id), score: r.score } : null;
    },
  };
}
