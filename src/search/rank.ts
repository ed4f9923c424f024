/**
 * Ranking: how well each candidate item answers the analysed question, as a score in [0, 1].
 *
 * Three signals, mixed with weights tuned on the development questions (`npm run eval`):
 * - coverage: the share of the question's meaning (concepts, weighted by how rare their
 *   terms are) that the item's title, aliases and keywords cover. Words the knowledge has
 *   never seen count against every item, and another department's business (驾驶证,
 *   护照) counts heavily, so "驾驶证丢了" does not become "身份证补领";
 * - phrase similarity: the closest single alias (or the title), so an item that has the
 *   citizen's very question as an alias beats one that merely shares its words;
 * - lunr's own BM25 score, relative to the best candidate, to break ties.
 */
import type { AnalyzedQuery, Concept } from './analyze.js';
import type { IndexedItem, SearchIndex } from './index.js';

export interface RankParams {
  /** Weight of coverage, phrase similarity and relative lunr score (they sum to 1). */
  coverage: number;
  phrase: number;
  lunr: number;
  /** Credit for a concept found only in the item's body, not in what the item is about. */
  bodyCredit: number;
  /** Credit for a concept matched through a synonym rather than the citizen's own word. */
  synonymCredit: number;
  /** Weight of a word no item uses (an unknown idea in the question). */
  unknownWeight: number;
  /** Weight of a word naming another department's business. */
  foreignWeight: number;
  /** lunr candidates to rescore. */
  candidates: number;
}

export const DEFAULT_RANK_PARAMS: RankParams = {
  coverage: 0.55,
  phrase: 0.3,
  lunr: 0.15,
  bodyCredit: 0.35,
  synonymCredit: 0.9,
  unknownWeight: 1.2,
  foreignWeight: 5,
  candidates: 30,
};

export interface Ranked {
  id: string;
  score: number;
  coverage: number;
  phrase: number;
  lunr: number;
}

export function rank(query: AnalyzedQuery, index: SearchIndex, params: RankParams = DEFAULT_RANK_PARAMS): Ranked[] {
  const concepts = query.concepts;
  if (!concepts.length) return [];
  const weights = concepts.map((c) => conceptWeight(c, index, params));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return [];

  const terms = new Map<string, number>();
  concepts.forEach((c, i) => {
    c.alts.forEach((alt, j) => {
      const boost = (weights[i] ?? 0) * (j < c.own ? 1 : params.synonymCredit);
      if (boost > (terms.get(alt) ?? 0)) terms.set(alt, boost);
    });
  });
  const found = index.candidates(terms, params.candidates);
  const best = found[0]?.score ?? 0;

  const ranked: Ranked[] = [];
  for (const { id, score: lunrScore } of found) {
    const entry = index.entries.get(id);
    if (!entry) continue;
    let covered = 0;
    concepts.forEach((c, i) => (covered += (weights[i] ?? 0) * credit(c, entry, params)));
    const coverage = covered / total;
    const phrase = phraseSimilarity(concepts, weights, total, entry, params);
    const lunrRel = best > 0 ? lunrScore / best : 0;
    const score = params.coverage * coverage + params.phrase * phrase + params.lunr * lunrRel * coverage;
    ranked.push({ id, score, coverage, phrase, lunr: lunrRel });
  }
  return ranked.sort((a, b) => b.score - a.score);
}

function conceptWeight(c: Concept, index: SearchIndex, params: RankParams): number {
  const idf = Math.max(0, ...c.alts.map((a) => index.idf(a)));
  if (c.foreign) return Math.max(idf, params.foreignWeight);
  return idf > 0 ? idf : params.unknownWeight;
}

/** 1 when the item is about the concept, less when it only mentions it, 0 when neither. */
function credit(c: Concept, entry: IndexedItem, params: RankParams): number {
  let best = 0;
  c.alts.forEach((alt, j) => {
    const via = j < c.own ? 1 : params.synonymCredit;
    if (entry.strong.has(alt)) best = Math.max(best, via);
    else if (entry.body.has(alt)) best = Math.max(best, via * params.bodyCredit);
  });
  return best;
}

/** Cosine-like overlap between the question and the item's closest alias or title. */
function phraseSimilarity(concepts: Concept[], weights: number[], total: number, entry: IndexedItem, params: RankParams): number {
  let best = 0;
  for (const p of entry.phrases) {
    if (p.weight <= 0) continue;
    let matched = 0;
    concepts.forEach((c, i) => {
      const hit = c.alts.findIndex((a) => p.terms.has(a));
      if (hit >= 0) matched += (weights[i] ?? 0) * (hit < c.own ? 1 : params.synonymCredit);
    });
    best = Math.max(best, matched / Math.sqrt(total * Math.max(p.weight, matched)));
  }
  return Math.min(1, best);
}
