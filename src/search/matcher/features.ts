/**
 * Features: what a message looks like to the learned matcher.
 *
 * Citizens misspell, dictate by voice and write dialect, so jieba often cuts their words
 * differently from the knowledge's. Character n-grams of the bare text (1 to 3 characters)
 * still overlap then ("身份正" shares 身份 with 身份证); jieba words carry whole ideas
 * (准迁证); synonym targets bring a citizen's word to the knowledge's (sfz → 居民身份证,
 * 俺 → 我); roles say who moves to whom and how old a child is (roles.ts: "把我妈的户口
 * 迁到我这" and "把孩子的户口迁到我这" differ in nothing else). Each kind of feature has
 * its own prefix, so "证" the character and "证" the word are different features.
 */
import { bare } from '../../intents/match.js';
import { messageCache, type Tokenizer } from '../../text/tokenizer.js';
import { roleFeatures } from './roles.js';

export interface FeatureOptions {
  /** Shortest and longest character n-gram. */
  minGram: number;
  maxGram: number;
  /** jieba words. */
  words: boolean;
  /** Synonym targets of words and short word runs. */
  synonyms: boolean;
  /** Pairs of neighbouring words (儿子|迁过来). */
  wordPairs: boolean;
  /** Who moves to whom, and how old a child is (see roles.ts). */
  roles: boolean;
  /**
   * Place names in China (`home`: intents/places.yaml, this city and province) and abroad:
   * a message naming one gets `p:home` or `p:abroad`. "孩子在北京出生" and "孩子在美国出生"
   * differ in nothing else a bag of n-grams sees. Data, not a switch: it is part of the
   * options so that it keys the matcher's cache and crosses to the reload worker with them.
   */
  places?: { home: readonly string[]; abroad: readonly string[]; away?: readonly string[] };
}

export const DEFAULT_FEATURES: FeatureOptions = { minGram: 1, maxGram: 3, words: true, synonyms: true, wordPairs: false, roles: true };

/** Longest run of words looked up as one synonym phrase. */
const MAX_SYNONYM_WORDS = 3;

export class Featurizer {
  /**
   * Latin abbreviations among the synonyms (sfz, hk, jzz: pinyin initials typed in place of
   * the word) and the word each stands for, longest first. The matcher learns from phrasings
   * that mostly write the word, so a message using an abbreviation also gets the features of
   * the message with the word written out: "jzz咋办" looks like "居住证咋办" as well as itself.
   */
  private readonly abbreviations: ReadonlyArray<readonly [RegExp, string]>;
  /** A message's features are taken several times while it is read (see BoundedCache). */
  private readonly cache = messageCache<readonly string[]>();

  constructor(
    private readonly tokenizer: Tokenizer,
    private readonly synonyms: ReadonlyMap<string, readonly string[]>,
    readonly options: FeatureOptions = DEFAULT_FEATURES,
  ) {
    this.abbreviations = [...synonyms]
      .filter(([from, to]) => /^[a-z]{2,}$/.test(from) && to.length > 0)
      .sort(([a], [b]) => b.length - a.length)
      .map(([from, to]) => [new RegExp(`(?<![a-z])${from}(?![a-z])`, 'g'), to[0]!] as const);
  }

  /** The distinct feature strings of a normalised message. */
  strings(text: string): readonly string[] {
    return this.cache.get(text, (t) => this.featuresOf(t));
  }

  private featuresOf(text: string): string[] {
    const out = new Set(this.own(text));
    let spelled = text;
    for (const [abbreviation, word] of this.abbreviations) spelled = spelled.replace(abbreviation, word);
    if (spelled !== text) for (const f of this.own(spelled)) out.add(f);
    return [...out];
  }

  private own(text: string): Set<string> {
    const out = new Set<string>();
    const chars = Array.from(bare(text));
    const { minGram, maxGram } = this.options;
    for (let n = minGram; n <= maxGram; n++) {
      for (let i = 0; i + n <= chars.length; i++) out.add(`c:${chars.slice(i, i + n).join('')}`);
    }
    if (this.options.words || this.options.synonyms || this.options.wordPairs) {
      const words = this.tokenizer.allWords(text);
      if (this.options.words) for (const w of words) if (!this.tokenizer.isStopword(w)) out.add(`w:${w}`);
      if (this.options.wordPairs) {
        const content = words.filter((w) => !this.tokenizer.isStopword(w) && /[\p{L}\p{N}]/u.test(w));
        for (let i = 0; i + 1 < content.length; i++) out.add(`b:${content[i]}|${content[i + 1]}`);
      }
      if (this.options.synonyms) {
        for (let i = 0; i < words.length; i++) {
          for (let span = 1; span <= MAX_SYNONYM_WORDS && i + span <= words.length; span++) {
            const to = this.synonyms.get(words.slice(i, i + span).join(''));
            if (to) for (const t of to) out.add(`s:${t}`);
          }
        }
      }
    }
    if (this.options.roles) for (const r of roleFeatures(text)) out.add(r);
    const { places } = this.options;
    if (places) {
      if (places.home.some((p) => text.includes(p))) out.add('p:home');
      if (places.abroad.some((p) => text.includes(p))) out.add('p:abroad');
      if (places.away?.some((p) => text.includes(p))) out.add('p:away');
    }
    return out;
  }
}
