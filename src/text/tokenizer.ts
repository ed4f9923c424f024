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
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoundedCache } from './bounded-cache.js';

const HAN = /\p{Script=Han}/u;
// Runs of Han characters, or of ASCII letters/digits; everything else separates tokens.
const RUNS = /\p{Script=Han}+|[a-z]+|[0-9]+/gu;

let dictLoaded = false;
const inserted = new Set<string>();
/** Changes whenever words are added to jieba's dictionary (a text's cut may change with it). */
let dictionaryVersion = 0;
const cutVersion = (): number => dictionaryVersion;

/** Messages whose readings are kept: one message is read several times over, close together. */
const MESSAGE_TEXTS = 32;

/**
 * A cache of what is computed from a message's text through its cut (its words, the matcher's
 * features and columns): a few dozen messages, emptied when the dictionary grows (BoundedCache).
 */
export function messageCache<V>(): BoundedCache<string, V> {
  return new BoundedCache<string, V>(MESSAGE_TEXTS, cutVersion);
}

/**
 * jieba's full dictionary (349k words) takes about 1.4 s to load; the 67k words seen at
 * least this often load in about 0.25 s and answer the question sets as well (domain words
 * are inserted anyway, unknown words go to jieba's HMM). The trimmed copy is derived from
 * the installed dictionary once and cached in the temp folder.
 */
export const DICT_MIN_FREQUENCY = 30;

function trimmedDictionary(): string {
  // DEFAULT_DICT is exported by nodejieba's JS module but missing from its type definitions.
  const source = (nodejieba as unknown as { DEFAULT_DICT: string }).DEFAULT_DICT;
  const stat = statSync(source);
  const tag = createHash('sha1').update(`${source}:${stat.size}:${stat.mtimeMs}:${DICT_MIN_FREQUENCY}`).digest('hex').slice(0, 12);
  const target = join(tmpdir(), `wenzheng-jieba-${tag}.utf8`);
  if (!existsSync(target)) {
    const kept = readFileSync(source, 'utf8')
      .split('\n')
      .filter((line) => Number(line.split(' ')[1]) >= DICT_MIN_FREQUENCY);
    const temp = `${target}.${process.pid}`;
    writeFileSync(temp, kept.join('\n') + '\n');
    // Rename is atomic: a concurrent process sees either no file or a whole one.
    renameSync(temp, target);
  }
  return target;
}

// jieba's keyword-extraction tables are not used; tiny stand-ins keep loading fast.
function emptyTable(name: string, content: string): string {
  const path = join(tmpdir(), `wenzheng-jieba-${name}.utf8`);
  if (!existsSync(path)) writeFileSync(path, content);
  return path;
}

function ensureDict(): void {
  if (!dictLoaded) {
    nodejieba.load({ dict: trimmedDictionary(), idfDict: emptyTable('idf', '的 1\n'), stopWordDict: emptyTable('stop', '的\n') });
    dictLoaded = true;
  }
}

/**
 * Every word taught to this thread's jieba so far. A reload builds in a worker thread,
 * whose jieba is its own: it is taught these first, and the serving thread is taught the
 * new ones before it serves the new brain, so both cut text alike.
 */
export function taughtWords(): string[] {
  return [...inserted];
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
  dictionaryVersion = inserted.size;
}


/** Every word of a text in order: jieba on each run of Han characters, other runs whole. */
function cutWords(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(RUNS)) {
    const run = match[0];
    for (const w of HAN.test(run) ? nodejieba.cut(run, true) : [run]) if (w) out.push(w);
  }
  return out;
}

const PARTS_CACHE_SIZE = 50_000;

export class Tokenizer {
  private readonly partsCache = new BoundedCache<string, string[]>(PARTS_CACHE_SIZE, cutVersion);
  private readonly wordsCache = messageCache<readonly string[]>();

  constructor(private readonly stopwords: ReadonlySet<string> = new Set()) {
    ensureDict();
  }

  /**
   * Words of already-normalised text (jieba's precise mode), stopwords removed, order
   * kept. Each word is one idea of the question: "居民身份证" is one word, not four.
   */
  words(text: string): string[] {
    return this.allWords(text).filter((w) => !this.stopwords.has(w));
  }

  /** Every word in order, stopwords included (for matching phrases on word boundaries). */
  allWords(text: string): readonly string[] {
    return this.wordsCache.get(text, cutWords);
  }

  /** The stopwords, to make a tokenizer that cuts alike in another thread. */
  stopwordList(): string[] {
    return [...this.stopwords];
  }

  isStopword(word: string): boolean {
    return this.stopwords.has(word);
  }

  /** A word and the shorter words inside it (居民身份证 → 居民身份证, 身份证, 居民 …). */
  parts(word: string): string[] {
    if (!HAN.test(word) || word.length < 3) return [word];
    // Words repeat endlessly across questions; a bounded cache saves the jieba call.
    return this.partsCache.get(word, () => {
      const inner = nodejieba.cutForSearch(word, true).filter((p) => p !== word && p.length > 1 && !this.stopwords.has(p));
      return [word, ...new Set(inner)];
    });
  }

  /** Every searchable token of a text: its words and their inner words (for indexing). */
  tokenize(text: string): string[] {
    return this.words(text).flatMap((w) => this.parts(w));
  }
}
