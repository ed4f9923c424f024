/**
 * Query analysis: a normalised message → the concepts it asks about, the section it asks
 * for, and any topic we know belongs to another department.
 *
 * A concept is one idea of the question with the ways it may appear in the knowledge:
 * "丢了" is {丢, 遗失, 补领}; "居民身份证" is {居民身份证, 身份证, 居民}. An item covers a
 * concept when it contains any of them. Field phrases (要什么材料, 多少钱) are taken out
 * first: nearly every item has materials and fees, so they tell which section to answer,
 * not which item.
 */
import type { Lexicon } from '../knowledge/types.js';
import type { OutOfScopeTopic } from '../intents/types.js';
import type { Tokenizer } from '../text/tokenizer.js';

export interface Concept {
  /** The word as the citizen wrote it (or the synonym phrase). */
  source: string;
  /** Terms that count as this concept; the first ones are the citizen's own. */
  alts: string[];
  /** How many of `alts` are the citizen's own words (the rest came from synonyms). */
  own: number;
  /** True when the concept names another department's business (护照, 驾驶证 …). */
  foreign: boolean;
}

export interface AnalyzedQuery {
  text: string;
  concepts: Concept[];
  /** The section asked for (a section name, or 依据), if any. */
  field: string | null;
  outOfScope: OutOfScopeTopic[];
}

const LATIN = /^[a-z0-9]+$/;

function contains(text: string, phrase: string): boolean {
  if (!LATIN.test(phrase)) return text.includes(phrase);
  return new RegExp(`(^|[^a-z0-9])${phrase}($|[^a-z0-9])`).test(text);
}

export class QueryAnalyzer {
  private readonly synonyms: { from: string; to: string[] }[];
  private readonly fieldPhrases: { phrase: string; field: string }[];

  constructor(
    private readonly tokenizer: Tokenizer,
    lexicon: Lexicon,
    fields: Map<string, string[]>,
    private readonly outOfScope: OutOfScopeTopic[],
  ) {
    // Longest first, so 上户口 is seen before 户口 and 多长时间 before 时间.
    this.synonyms = [...lexicon.synonyms].sort((a, b) => b.from.length - a.from.length);
    this.fieldPhrases = [...fields]
      .flatMap(([field, phrases]) => phrases.map((phrase) => ({ phrase, field })))
      .sort((a, b) => b.phrase.length - a.phrase.length);
  }

  /** Which section a text asks for, without analysing the rest. */
  fieldOf(text: string): string | null {
    return this.fieldPhrases.find((f) => contains(text, f.phrase))?.field ?? null;
  }

  analyze(text: string): AnalyzedQuery {
    let rest = ` ${text} `;
    let field: string | null = null;
    for (const f of this.fieldPhrases) {
      if (contains(rest, f.phrase)) {
        field ??= f.field;
        rest = rest.split(f.phrase).join(' ');
      }
    }

    const outOfScope = this.outOfScope.filter((t) => t.terms.some((term) => contains(text, term)));
    const foreignTerms = new Set(outOfScope.flatMap((t) => t.terms));
    const concepts: Concept[] = [];

    for (const s of this.synonyms) {
      if (!contains(rest, s.from)) continue;
      rest = rest.split(s.from).join(' ');
      const own = this.tokenizer.words(s.from).flatMap((w) => this.tokenizer.parts(w));
      const targets = s.to.flatMap((t) => this.tokenizer.words(t).flatMap((w) => this.tokenizer.parts(w)));
      const alts = [...new Set([...own, ...targets])];
      if (alts.length) concepts.push({ source: s.from, alts, own: own.length, foreign: foreignTerms.has(s.from) });
    }
    for (const word of this.tokenizer.words(rest)) {
      const alts = this.tokenizer.parts(word);
      const foreign = [...foreignTerms].some((t) => word.includes(t) || t.includes(word) && word.length > 1);
      concepts.push({ source: word, alts, own: alts.length, foreign });
    }
    return { text, concepts: dedupe(concepts), field, outOfScope };
  }
}

/** The same word twice in a question is one idea. */
function dedupe(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  return concepts.filter((c) => {
    const key = c.alts.join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
