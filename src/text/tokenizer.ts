/**
 * Chinese tokenizer: nodejieba for Han text, whole runs for Latin letters and digits.
 *
 * jieba cuts ASCII one letter at a time ("sfz" → s/f/z), so the text is first split into
 * Han runs and ASCII runs; only Han runs go to jieba. A word also yields the shorter
 * words inside it (居民身份证 → 身份证), so a citizen who writes the short form still meets
 * the item that uses the long one.
 *
 * jieba's dictionary is process-wide native state: `addWords` inserts the domain terms
 * (knowledge/dict.txt, keywords, synonyms) once; inserting the same word again is harmless.
 */
import nodejieba from 'nodejieba';

const HAN = /\p{Script=Han}/u;
// Runs of Han characters, or of ASCII letters/digits; everything else separates tokens.
const RUNS = /\p{Script=Han}+|[a-z]+|[0-9]+/gu;

let dictLoaded = false;
const inserted = new Set<string>();

function ensureDict(): void {
  if (!dictLoaded) {
    nodejieba.load();
    dictLoaded = true;
  }
}

/** Teach jieba domain words so they stay whole (户口簿, 依申请公开, 准迁证 …). */
export function addWords(words: Iterable<string>): void {
  ensureDict();
  for (const word of words) {
    const w = word.trim();
    if (w.length < 2 || inserted.has(w) || !HAN.test(w)) continue;
    nodejieba.insertWord(w);
    inserted.add(w);
  }
}

export class Tokenizer {
  constructor(private readonly stopwords: ReadonlySet<string> = new Set()) {
    ensureDict();
  }

  /**
   * Words of already-normalised text (jieba's precise mode), stopwords removed, order
   * kept. Each word is one idea of the question: "居民身份证" is one word, not four.
   */
  words(text: string): string[] {
    const out: string[] = [];
    for (const match of text.matchAll(RUNS)) {
      const run = match[0];
      for (const w of HAN.test(run) ? nodejieba.cut(run, true) : [run]) {
        if (w && !this.stopwords.has(w)) out.push(w);
      }
    }
    return out;
  }

  /** A word and the shorter words inside it (居民身份证 → 居民身份证, 身份证, 居民 …). */
  parts(word: string): string[] {
    if (!HAN.test(word) || word.length < 3) return [word];
    const inner = nodejieba.cutForSearch(word, true).filter((p) => p !== word && p.length > 1 && !this.stopwords.has(p));
    return [word, ...new Set(inner)];
  }

  /** Every searchable token of a text: its words and their inner words (for indexing). */
  tokenize(text: string): string[] {
    return this.words(text).flatMap((w) => this.parts(w));
  }
}
