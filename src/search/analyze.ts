/**
 * Query analysis: a normalised message → the concepts it asks about, the section it asks
 * for, and any topic we know belongs to another department.
 *
 * A concept is one idea of the question with the ways it may appear in the knowledge:
 * "丢了" is {丢 (the citizen's word), 遗失, 补领 (synonyms)}; "居民身份证" is {居民身份证
 * (the word), 身份证, 居民 (words inside it)}. Each way carries its kind, and ranking gives
 * each kind its own credit: the citizen's whole word counts fully, a word inside it or a
 * synonym less. Field phrases (要什么材料, 多少钱) are taken out first: they say which
 * section to answer, and only help to tell disclosure topics apart (see `fieldConcepts`).
 */
import type { Lexicon } from '../knowledge/types.js';
import type { FieldPhrases, OutOfScopeTopic } from '../intents/types.js';
import type { Tokenizer } from '../text/tokenizer.js';
import { globalRegex, matchesAny } from '../intents/match.js';

/** How a term relates to what the citizen wrote. */
export type AltKind = 'word' | 'part' | 'synonym';

export interface Alt {
  term: string;
  kind: AltKind;
}

export interface Concept {
  /** The word as the citizen wrote it (or the synonym phrase). */
  source: string;
  alts: Alt[];
  /** True when the concept names another department's business (护照, 驾驶证 …). */
  foreign: boolean;
}

export interface AnalyzedQuery {
  text: string;
  /** What the question is about. */
  concepts: Concept[];
  /**
   * The field phrases (要多久, 要钱吗 …) as concepts. Household items all have every
   * section, so these do not tell them apart; disclosure topics are about exactly such
   * things (答复期限, 收费), so ranking counts them there.
   */
  fieldConcepts: Concept[];
  /** The section asked for (a section name, or 依据), if any. */
  field: string | null;
  /** The phrase that named `field` ("住多久", "多久"): a long one is specific enough that the
   *  learned matcher's section does not override it. */
  fieldPhrase: string | null;
  /** The fact within `field` the phrase asks about, when fields.yaml names one
   *  ("办理条件/谁来办理": 能替他办吗 asks who may do it, a condition): the reply adds the
   *  item's lines about that fact from its other sections. */
  fact: string | null;
  outOfScope: OutOfScopeTopic[];
}

const LATIN = /^[a-z0-9]+$/;
/** A synonym spans at most this many words. */
const MAX_PHRASE_WORDS = 4;
const CONCEPT_CACHE_SIZE = 20_000;

function contains(text: string, phrase: string): boolean {
  if (!LATIN.test(phrase)) return text.includes(phrase);
  return new RegExp(`(^|[^a-z0-9])${phrase}($|[^a-z0-9])`).test(text);
}

export class QueryAnalyzer {
  private readonly synonymMap: Map<string, string[]>;
  /** Concepts are pure functions of their phrase: cache them (bounded). */
  private readonly concepts = new Map<string, Concept>();
  /** Field phrases, longest first (多长时间 before 时间), with their section and fact. */
  private readonly fieldPhrases: [string, string, string | null][] = [];
  /** Field patterns (/…/ in fields.yaml): a document and whether it will do ("复印件行不行",
   *  "出生证是深圳开的 能用吗"). They win a tie with a phrase ending at the same place, and
   *  are not taken out of the text: the document is what the question is about. */
  private readonly fieldPatterns: [RegExp, string, string | null][] = [];
  /** The field phrases by their first character (indices into `fieldPhrases`): a message of
   *  twenty characters can hold only the few dozen of the ~600 that start with one of them. */
  private readonly phrasesByFirst = new Map<string, number[]>();
  /** Citizens' words for one of ours that hold another department's term by chance (准签证, a
   *  voice slip for 准迁证, holds 签证): taken out before the terms are looked for. Longest first. */
  private readonly ownWordsWithTerms: ReadonlySet<string>;

  constructor(
    private readonly tokenizer: Tokenizer,
    lexicon: Lexicon,
    fields: readonly FieldPhrases[],
    private readonly outOfScope: OutOfScopeTopic[],
  ) {
    this.synonymMap = new Map(lexicon.synonyms.map((s) => [s.from, s.to]));
    for (const { section, fact, patterns } of fields) {
      for (const p of patterns) {
        if ('text' in p) this.fieldPhrases.push([p.text, section, fact]);
        else this.fieldPatterns.push([globalRegex(p), section, fact]);
      }
    }
    this.fieldPhrases.sort((a, b) => b[0].length - a[0].length);
    this.fieldPhrases.forEach(([phrase], i) => {
      const first = phrase[0] ?? '';
      (this.phrasesByFirst.get(first) ?? this.phrasesByFirst.set(first, []).get(first)!).push(i);
    });
    const terms = outOfScope.flatMap((t) => t.terms);
    const holdsTerm = (word: string) => terms.some((t) => word.includes(t));
    this.ownWordsWithTerms = new Set(
      lexicon.synonyms
        .filter((s) => holdsTerm(s.from) && !terms.includes(s.from) && !s.to.some(holdsTerm))
        .map((s) => s.from)
        .sort((a, b) => b.length - a.length),
    );
  }

  /**
   * @param asking the part of the text that asks (src/dialog/asking.ts): another department's
   *   business is read there only, so a story's background (孩子要办入学) is not the question.
   */
  analyze(text: string, asking = text): AnalyzedQuery {
    let ours = asking;
    for (const word of this.ownWordsWithTerms) if (ours.includes(word)) ours = ours.split(word).join(' ');
    const outOfScope = this.outOfScope.filter((t) => t.terms.some((term) => contains(ours, term)) || matchesAny(asking, t.patterns));
    const foreignTerms = outOfScope.flatMap((t) => t.terms);
    const isForeign = (word: string) => !this.ownWordsWithTerms.has(word) && foreignTerms.some((t) => word.includes(t) || (word.length > 1 && t.includes(word)));

    // Field phrases are question words (要多久, 在哪办): found anywhere in the text, and
    // taken out. When several appear, the last one names the field: Chinese puts the head
    // noun last ("分户要什么条件" asks for 条件, not for what to bring).
    let rest = text;
    let field: string | null = null;
    let fieldPhrase: string | null = null;
    let fact: string | null = null;
    let fieldEnd = -1;
    const fieldConcepts: Concept[] = [];
    // Every field phrase and pattern found, with where it ends; then read in the order they
    // end, so a later one asking the same section in general ("替她办行吗": 替她, then 行吗)
    // keeps the earlier one's fact whatever order the phrases are tried in.
    const found: { end: number; name: string; about: string | null; phrase: string; pattern: boolean }[] = [];
    for (const i of this.phrasesIn(text)) {
      const [phrase, name, about] = this.fieldPhrases[i] as [string, string, string | null];
      if (!rest.includes(phrase)) continue;
      rest = rest.split(phrase).join(' ');
      // A phrase that names no section (前几天) is only taken out, so 几天 is not found in it.
      if (!name) continue;
      found.push({ end: text.lastIndexOf(phrase) + phrase.length, name, about, phrase, pattern: false });
      fieldConcepts.push(this.concept(phrase, this.synonymMap.get(phrase) ?? [], false));
    }
    // exec on the kept global regex, not matchAll: matchAll copies the regex at every call, and
    // with ~90 patterns per message that copying was two thirds of their cost (27 → 9 µs).
    for (const [pattern, name, about] of this.fieldPatterns) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        found.push({ end: m.index + m[0].length, name, about, phrase: m[0], pattern: true });
        if (!m[0]) pattern.lastIndex++; // an empty match would loop
      }
    }
    // Stable sort: among phrases ending together the longer (tried first) wins, as before;
    // a pattern wins a tie with a phrase.
    found.sort((a, b) => a.end - b.end || Number(a.pattern) - Number(b.pattern));
    for (const f of found) {
      if (f.end > fieldEnd || (f.pattern && f.end === fieldEnd)) {
        fact = sameFact(field, fact, f.name, f.about);
        field = f.name;
        fieldPhrase = f.phrase;
        fieldEnd = f.end;
      }
    }

    // Then one pass over the words of the rest, matching synonyms on word boundaries only
    // (a run of up to four words): "销户" is never found inside "注销户口", nor "生了"
    // inside "出生了".
    const words = this.tokenizer.allWords(rest);
    const concepts: Concept[] = [];
    for (let i = 0; i < words.length; ) {
      let span = Math.min(MAX_PHRASE_WORDS, words.length - i);
      for (; span > 0; span--) {
        const phrase = words.slice(i, i + span).join('');
        const to = this.synonymMap.get(phrase);
        if (to) {
          concepts.push(this.concept(phrase, to, isForeign(phrase)));
          break;
        }
      }
      if (span === 0) {
        const word = words[i] ?? '';
        if (!this.tokenizer.isStopword(word)) concepts.push(this.concept(word, [], isForeign(word)));
        span = 1;
      }
      i += span;
    }
    return { text, concepts: dedupe(concepts), fieldConcepts: dedupe(fieldConcepts), field, fieldPhrase, fact, outOfScope };
  }

  /**
   * The field phrases that may be in `text` (or in what is left of it as phrases are taken
   * out: spaces then stand where they were), longest first as in `fieldPhrases`.
   */
  private phrasesIn(text: string): number[] {
    const out: number[] = [...(this.phrasesByFirst.get(' ') ?? [])];
    const seen = new Set<string>(' ');
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (seen.has(ch)) continue;
      seen.add(ch);
      const list = this.phrasesByFirst.get(ch);
      if (list) for (const k of list) out.push(k);
    }
    return out.sort((a, b) => a - b);
  }

  /**
   * A phrase as one concept: its words, the words inside them, and synonym targets.
   * Another department's business counts only by its whole words: an item that merely
   * shares "证明" with "无犯罪记录证明" does not cover it.
   */
  private concept(phrase: string, targets: string[], foreign: boolean): Concept {
    const key = `${foreign ? '!' : ''}${phrase}\u0000${targets.join('\u0001')}`;
    let c = this.concepts.get(key);
    if (!c) {
      c = this.buildConcept(phrase, targets, foreign);
      if (this.concepts.size >= CONCEPT_CACHE_SIZE) this.concepts.clear();
      this.concepts.set(key, c);
    }
    return c;
  }

  private buildConcept(phrase: string, targets: string[], foreign: boolean): Concept {
    const alts = new Map<string, AltKind>();
    const add = (term: string, kind: AltKind) => {
      if (term && !alts.has(term)) alts.set(term, kind);
    };
    const words = this.tokenizer.words(phrase);
    for (const w of words) add(w, 'word');
    if (!foreign) {
      for (const w of words) for (const p of this.tokenizer.parts(w).slice(1)) add(p, 'part');
      for (const t of targets) for (const w of this.tokenizer.words(t)) for (const p of this.tokenizer.parts(w)) add(p, 'synonym');
    }
    return { source: phrase, alts: [...alts].map(([term, kind]) => ({ term, kind })), foreign };
  }
}

/** The same idea twice in a question is one idea. */
function dedupe(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  return concepts.filter((c) => {
    if (!c.alts.length) return false;
    const key = c.alts.map((a) => a.term).join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The fact a later field phrase leaves asked: its own, or, when it only asks the same section
 * in general ("我一个人去行不行": 行不行 after 一个人去), the earlier phrase's fact.
 */
function sameFact(field: string | null, fact: string | null, name: string, about: string | null): string | null {
  return about === null && name === field ? fact : about;
}
