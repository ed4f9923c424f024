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
import type { AltKind, AnalyzedQuery, Concept } from './analyze.js';
import type { IndexedItem, SearchIndex } from './index.js';

export interface RankParams {
  /** Weights of coverage, phrase similarity, relative lunr score and title similarity (they sum to 1). */
  coverage: number;
  phrase: number;
  lunr: number;
  /** Credit for a concept found only in the item's body, not in what the item is about. */
  bodyCredit: number;
  /** Credit for a match through a word inside the citizen's word (身份证 in 居民身份证). */
  partCredit: number;
  /** Credit for a match through a synonym rather than the citizen's own word. */
  synonymCredit: number;
  /** Weight of a word of two or more characters that no item uses (an unknown idea). */
  unknownWeight: number;
  /** Weight of an unknown single character (often a verb or a particle, less telling). */
  unknownCharWeight: number;
  /** Weight of the similarity to the item's title alone (prefers the basic item on ties). */
  title: number;
  /** Weight of a word naming another department's business. */
  foreignWeight: number;
  /** Score multiplier for an item that does not cover such a word (驾驶证 in "驾驶证丢了"). */
  foreignMiss: number;
  /** lunr candidates to rescore. */
  candidates: number;
}

export const DEFAULT_RANK_PARAMS: RankParams = {
  coverage: 0.5,
  phrase: 0.3,
  lunr: 0.15,
  bodyCredit: 0.35,
  partCredit: 0.6,
  synonymCredit: 0.9,
  unknownWeight: 1,
  unknownCharWeight: 1,
  title: 0.05,
  foreignWeight: 4,
  foreignMiss: 0.6,
  candidates: 30,
};

export interface Ranked {
  id: string;
  score: number;
  coverage: number;
  phrase: number;
  lunr: number;
}

function kindCredit(kind: AltKind, params: RankParams): number {
  return kind === 'word' ? 1 : kind === 'part' ? params.partCredit : params.synonymCredit;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** A concept prepared for scoring: its terms with their credits, and its weight. */
interface Scored {
  terms: string[];
  credits: number[];
  weight: number;
  foreign: boolean;
  /** The citizen's own whole words (a foreign concept is covered only by these). */
  words: string[];
}

export function rank(query: AnalyzedQuery, index: SearchIndex, params: RankParams = DEFAULT_RANK_PARAMS): Ranked[] {
  if (!query.concepts.length) return [];
  // Household items: what the question is about. Other items: field phrases count too.
  const prepare = (c: Concept): Scored => ({
    terms: c.alts.map((a) => a.term),
    credits: c.alts.map((a) => kindCredit(a.kind, params)),
    weight: conceptWeight(c, index, params),
    foreign: isForeign(c, index),
    words: c.alts.filter((a) => a.kind === 'word').map((a) => a.term),
  });
  const household = query.concepts.map(prepare);
  const other = [...household, ...query.fieldConcepts.map(prepare)];
  const totals = { household: sum(household.map((c) => c.weight)), other: sum(other.map((c) => c.weight)) };
  if (totals.household <= 0) return [];

  const terms = new Map<string, number>();
  for (const c of other) {
    for (let j = 0; j < c.terms.length; j++) {
      const term = c.terms[j] as string;
      const boost = c.weight * (c.credits[j] ?? 0);
      if (boost > (terms.get(term) ?? 0)) terms.set(term, boost);
    }
  }
  const found = index.candidates(terms, params.candidates);
  const table = termTable(other);
  const hits = new Float64Array(other.length);
  const best = found[0]?.score ?? 0;

  const ranked: Ranked[] = [];
  for (const { id, score: candidateScore } of found) {
    const entry = index.entries.get(id);
    if (!entry) continue;
    const isHousehold = entry.item.kind === 'household';
    const concepts = isHousehold ? household : other;
    const total = isHousehold ? totals.household : totals.other;

    let covered = 0;
    let foreignMissed = false;
    for (const c of concepts) {
      covered += c.weight * credit(c, entry, params.bodyCredit);
      if (c.foreign && !c.words.some((w) => entry.strong.has(w))) foreignMissed = true;
    }
    const coverage = covered / total;
    const { phrase, title } = phraseSimilarity(table, concepts, total, entry.phrases, params.partCredit, hits);
    const lunrRel = best > 0 ? candidateScore / best : 0;
    const mixed = params.coverage * coverage + params.phrase * phrase + params.lunr * lunrRel * coverage + params.title * title;
    ranked.push({ id, score: foreignMissed ? mixed * params.foreignMiss : mixed, coverage, phrase, lunr: lunrRel });
  }
  return ranked.sort((a, b) => b.score - a.score);
}

/**
 * Another department's business: a word from the out-of-scope list (驾驶证, 护照), or a
 * document the knowledge has never heard of (银行卡, 学位证: unknown words ending in 证,
 * 卡, 照, 票 — see `FOREIGN_SUFFIXES`).
 */
function isForeign(c: Concept, index: SearchIndex): boolean {
  if (c.foreign) return true;
  const word = c.alts[0]?.term ?? '';
  return word.length > 1 && FOREIGN_SUFFIXES.has(word.at(-1) ?? '') && !c.alts.some((a) => a.kind !== 'part' && index.isTopic(a.term));
}

export const FOREIGN_SUFFIXES = new Set(['证', '卡', '照', '票']);

function conceptWeight(c: Concept, index: SearchIndex, params: RankParams): number {
  const idf = Math.max(0, ...c.alts.map((a) => index.idf(a.term)));
  if (isForeign(c, index)) return Math.max(idf, params.foreignWeight);
  if (idf > 0) return idf;
  return Array.from(c.source).length > 1 ? params.unknownWeight : params.unknownCharWeight;
}

/** 1 when the item is about the concept, less when it only mentions it, 0 when neither. */
function credit(c: Scored, entry: IndexedItem, bodyCredit: number): number {
  let best = 0;
  for (let j = 0; j < c.terms.length; j++) {
    const term = c.terms[j] as string;
    const via = c.credits[j] ?? 0;
    if (via <= best) continue;
    if (entry.strong.has(term)) best = via;
    else if (entry.body.has(term)) best = Math.max(best, via * bodyCredit);
  }
  return best;
}

/**
 * The question's terms, each with the concepts it stands for and the credit it earns
 * there: phrases are short, so looking their words up here is cheaper than testing every
 * term of every concept against every phrase.
 */
type TermTable = Map<string, { concept: number; credit: number }[]>;

function termTable(concepts: Scored[]): TermTable {
  const table: TermTable = new Map();
  concepts.forEach((c, concept) => {
    c.terms.forEach((term, j) => {
      let list = table.get(term);
      if (!list) table.set(term, (list = []));
      list.push({ concept, credit: c.credits[j] ?? 0 });
    });
  });
  return table;
}

/** The best credit each of the first `count` concepts gets from these phrase words, into `hits`. */
function take(table: TermTable, words: readonly string[], factor: number, count: number, hits: Float64Array): void {
  for (let w = 0; w < words.length; w++) {
    const list = table.get(words[w] as string);
    if (!list) continue;
    for (let i = 0; i < list.length; i++) {
      const { concept, credit } = list[i] as { concept: number; credit: number };
      const hit = credit * factor;
      if (concept < count && hit > (hits[concept] ?? 0)) hits[concept] = hit;
    }
  }
}

/**
 * Cosine-like overlap between the question and the item's closest phrase (aliases and
 * title), and with the title alone (phrases[0]). `concepts` is a prefix of the concepts
 * the table was built from (household items leave the field concepts out); `hits` is
 * scratch space at least that long.
 */
function phraseSimilarity(
  table: TermTable,
  concepts: Scored[],
  total: number,
  phrases: IndexedItem['phrases'],
  partCredit: number,
  hits: Float64Array,
): { phrase: number; title: number } {
  let phrase = 0;
  let title = 0;
  const count = concepts.length;
  for (let k = 0; k < phrases.length; k++) {
    const p = phrases[k] as IndexedItem['phrases'][number];
    if (p.weight <= 0) continue;
    hits.fill(0);
    take(table, p.words, 1, count, hits);
    take(table, p.parts, partCredit, count, hits);
    let matched = 0;
    for (let i = 0; i < count; i++) matched += (concepts[i] as Scored).weight * (hits[i] ?? 0);
    const sim = matched / Math.sqrt(total * Math.max(p.weight, matched));
    if (sim > phrase) phrase = sim;
    if (k === 0) title = sim;
  }
  return { phrase: Math.min(1, phrase), title: Math.min(1, title) };
}
