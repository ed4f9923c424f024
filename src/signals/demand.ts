/**
 * A demand: what a question the bot could not answer asks for, in a form two phrasings of
 * the same need can be compared in.
 *
 * "无犯罪证明咋开", "单位入职要开无犯罪记录证明 请问在哪里办" and "开良民证需要带什么材料"
 * ask for one thing in three frames. The query analyzer (src/search/analyze.ts) already
 * takes out the field phrases (在哪办, 要带啥, 需要什么材料: intents/fields.yaml), the
 * stopwords and the dialect particles, and brings citizens' words to the knowledge's
 * (synonyms.yaml); what it leaves, less the rest of the question frame (frame.ts), is the
 * demand's core. Its features are the learned matcher's (character n-grams, jieba words,
 * synonym targets: src/search/matcher/features.ts), weighted by how rare each is among
 * every phrasing the bot was trained on, so "证" and "办" weigh little and "犬" or "枪"
 * much. Two kinds of meaning join them: the matters demand-synonyms.yaml names, and the
 * matter classifier's reading (trained on knowledge/demand-matters/, the matcher's
 * `matter`), which joins "开良民证" and "单位要我证明没犯过事" without a shared word.
 * Two demands are as alike as the cosine of their weighted features.
 */
import type { Brain } from '../engine/brain.js';
import type { AnalyzedQuery } from '../search/analyze.js';
import { bare } from '../intents/match.js';
import { MASKS } from '../text/mask.js';
import { normalize } from '../text/normalize.js';
import { isFrame } from './frame.js';

/** A sparse vector, L2-normalised: feature → weight. */
export type Vector = ReadonlyMap<string, number>;

export interface Demand {
  /** The telling words, in the citizen's order ("无犯罪 证明"). */
  core: string;
  vector: Vector;
}

/** How much each kind of feature counts (tuned on the dev demands: eval/demands.ts). */
export interface DemandWeights {
  /** Character n-grams by length (1, 2, 3). */
  char: [number, number, number];
  word: number;
  synonym: number;
  /** Rarity is raised to this power: above 1, the rarest words (what is asked for) dominate. */
  power: number;
  /** Character n-grams across word boundaries (the core as one string) or within words. */
  across: boolean;
  /** A matter named in knowledge/demand-synonyms.yaml, whatever words named it. */
  matter: number;
  /**
   * A matter the classifier reads in the question, times its probability, added to the
   * normalised vector (so 1 weighs as much as all the words together); 0 turns it off.
   */
  classified: number;
  /** Readings below this probability are left out (the classifier always names some matter). */
  classifiedMin: number;
  /** How many of its readings count, best first: a phrasing it is unsure of still shares its second or fourth guess with the others. */
  classifiedTop: number;
}

export const DEFAULT_WEIGHTS: DemandWeights = { char: [0.3, 1, 1], word: 1, synonym: 0.5, power: 1, across: false, matter: 2, classified: 3, classifiedMin: 0.05, classifiedTop: 5 };

/** The telling words of an analysed question: its concepts less the question frame. */
export function demandWords(query: AnalyzedQuery): string[] {
  return query.concepts.map((c) => c.source).filter((w) => !isFrame(w));
}

/** The core of an analysed question, as a grouping key would show it. */
export function demandCore(query: AnalyzedQuery): string {
  return demandWords(query).join(' ');
}

/**
 * The demand space of one brain: its analyzer and featurizer, the rarity of every feature
 * among the phrasings its matcher was trained on (counted with the matcher: rarity.ts),
 * and the matters of demand-synonyms.yaml. Built once per brain, on first use.
 */
export class DemandSpace {
  /** Phrase → the matters it names (demand-synonyms.yaml; a matter's own name names it too), longest first. */
  private readonly matters: [string, string[]][];

  constructor(private readonly brain: Pick<Brain, 'analyzer' | 'matcher' | 'knowledge' | 'intents'>) {
    const names = new Map<string, Set<string>>();
    const add = (phrase: string, matter: string) => {
      const key = bare(phrase);
      if (key) names.set(key, (names.get(key) ?? new Set()).add(matter));
    };
    for (const { from, to } of brain.knowledge.lexicon.demandSynonyms) {
      for (const t of to) {
        add(from, t);
        add(t, t);
      }
    }
    this.matters = [...names].map(([k, v]) => [k, [...v]] as [string, string[]]).sort((a, b) => b[0].length - a[0].length);
  }

  /** The matters a text names (by containment, longer phrases first and used up). */
  private mattersOf(text: string): string[] {
    let rest = bare(text);
    const out = new Set<string>();
    for (const [phrase, matters] of this.matters) {
      if (!rest.includes(phrase)) continue;
      for (const m of matters) out.add(m);
      rest = rest.split(phrase).join(' ');
    }
    return [...out];
  }

  /** The feature strings of a text (the matcher's own featurizer). */
  private features(text: string): readonly string[] {
    return this.brain.matcher.featurizer.strings(text);
  }

  private static kindWeight(feature: string, weights: DemandWeights): number {
    const { char, word, synonym } = weights;
    if (feature.startsWith('c:')) return char[Array.from(feature).length - 3] ?? 0;
    if (feature.startsWith('w:')) return word;
    return synonym;
  }

  /** A message as stored (masked; normalised here) as a demand. */
  demand(stored: string, weights: DemandWeights = DEFAULT_WEIGHTS): Demand {
    const text = groupingText(stored);
    const words = demandWords(this.brain.analyzer.analyze(text));
    const core = words.join(' ');
    const v = new Map<string, number>();
    const { rarity } = this.brain.matcher;
    for (const w of weights.across ? [core] : words) {
      for (const f of this.features(w)) {
        const weight = DemandSpace.kindWeight(f, weights) * rarity.of(f) ** weights.power;
        if (weight > 0) v.set(f, Math.max(v.get(f) ?? 0, weight));
      }
    }
    if (weights.matter > 0) for (const m of this.mattersOf(text)) v.set(`m:${m}`, weights.matter * rarity.rarest ** weights.power);
    // normalise() scales the map in place: the classifier's reading is added to the unit vector.
    normalise(v);
    const read = weights.classified > 0 ? this.brain.matcher.matter(text, weights.classifiedTop).filter((p) => p.p >= weights.classifiedMin) : [];
    for (const p of read) v.set(`k:${p.label}`, weights.classified * p.p);
    return { core, vector: read.length ? normalise(v) : v };
  }
}

const PLACEHOLDERS = new RegExp(Object.values(MASKS).map((m) => m.replace(/[[\]]/g, '\\$&')).join('|'), 'g');

/** A stored (masked) message as the grouper reads it: normalised, the masks' placeholders taken out. */
export function groupingText(stored: string): string {
  return normalize(stored.replace(PLACEHOLDERS, ' ')).text;
}

export function normalise(v: Map<string, number>): Vector {
  let sum = 0;
  for (const x of v.values()) sum += x * x;
  const norm = Math.sqrt(sum);
  if (!norm) return v;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

/** Cosine of two normalised vectors. */
export function similarity(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) dot += x * y;
  }
  return dot;
}

const spaces = new WeakMap<object, DemandSpace>();

/** The demand space of a brain (built on first use, then kept as long as the brain). */
export function demandSpace(brain: Pick<Brain, 'analyzer' | 'matcher' | 'knowledge' | 'intents'>): DemandSpace {
  let space = spaces.get(brain);
  if (!space) spaces.set(brain, (space = new DemandSpace(brain)));
  return space;
}
