/**
 * Preparing items' text for the index: every title, alias, keyword and body normalised and
 * cut into tokens once. This is most of an index build (jieba and OpenCC on every
 * character), and it is independent per item, so at thousands of items it is shared with
 * helper threads (prepare-parallel.ts); the index's own tables are built from the result.
 */
import type { KnowledgeItem } from '../knowledge/types.js';
import { normalize } from '../text/normalize.js';
import type { Tokenizer } from '../text/tokenizer.js';

/** normalize()'s default cap (500) for a phrase, beside the index's long cap. */
const SHORT = 500;
/** Items' texts are normalised with a cap far above any real body. */
const LONG = 100_000;

/** The text of an item the index reads: what a helper thread is sent. */
export interface ItemText {
  title: string;
  aliases: string[];
  keywords: string[];
  /** The summary, then each section's body. */
  bodies: string[];
}

export function itemText(item: KnowledgeItem): ItemText {
  return { title: item.title, aliases: item.aliases, keywords: item.keywords, bodies: [item.summary, ...item.sections.map((s) => s.body)] };
}

/**
 * An item's distinct tokens by field (words and the shorter words inside them), in the
 * order they first occur, and its phrases' words. Distinct, because the index keeps sets:
 * a helper thread sends less, and the calling thread hashes each token once per field.
 */
export interface PreparedItem {
  title: string[];
  aliases: string[];
  keywords: string[];
  body: string[];
  /**
   * The title, then each alias, as the index matches phrases: its words as cut, and the
   * shorter words inside them (居住证 inside 居住证签注).
   */
  phrases: { words: string[]; parts: string[] }[];
}

export class ItemPreparer {
  // Titles, aliases and keywords repeat across items: each is normalised and cut once.
  private readonly normalized = new Map<string, string>();
  private readonly cut = new Map<string, string[]>();

  constructor(private readonly tokenizer: Tokenizer) {}

  prepare(text: ItemText): PreparedItem {
    const { tokenizer } = this;
    const tok = (t: string) => this.wordsOf(this.norm(t)).flatMap((w) => tokenizer.parts(w));
    return {
      title: distinct(tok(text.title)),
      aliases: distinct(text.aliases.flatMap(tok)),
      keywords: distinct(text.keywords.flatMap(tok)),
      // Bodies are long and seldom repeat: cut without keeping them.
      body: distinct(text.bodies.flatMap((t) => tokenizer.tokenize(normalize(t, LONG).text))),
      phrases: [text.title, ...text.aliases].map((p) => {
        // The phrase as a message would be normalised (cap 500): for a short one, the long form.
        const long = this.norm(p);
        const words = p.length <= 2 * SHORT && long.length <= SHORT ? this.wordsOf(long) : tokenizer.words(normalize(p).text);
        return { words, parts: distinct(words.flatMap((w) => tokenizer.parts(w).slice(1))) };
      }),
    };
  }

  private norm(text: string): string {
    let n = this.normalized.get(text);
    if (n === undefined) this.normalized.set(text, (n = normalize(text, LONG).text));
    return n;
  }

  private wordsOf(normalizedText: string): string[] {
    let w = this.cut.get(normalizedText);
    if (w === undefined) this.cut.set(normalizedText, (w = this.tokenizer.words(normalizedText)));
    return w;
  }
}

function distinct(tokens: string[]): string[] {
  return [...new Set(tokens)];
}

/*
 * A prepared item as one string, to cross between threads: tokens never hold control
 * characters (normalize strips them; tokens are runs of Han, a–z or 0–9), so they can
 * separate tokens, lists and phrases. One long string is copied whole, where hundreds of
 * small ones would each be serialised and rebuilt; split() then makes them on arrival.
 */
const TOKEN = '\u0001';
const FIELD = '\u0002';
const PARTS = '\u0003';
const PHRASE = '\u0004';

const list = (s: string) => (s ? s.split(TOKEN) : []);

export function packItem(item: PreparedItem): string {
  const phrases = item.phrases.map((p) => `${p.words.join(TOKEN)}${PARTS}${p.parts.join(TOKEN)}`).join(PHRASE);
  return [item.title, item.aliases, item.keywords, item.body].map((l) => l.join(TOKEN)).join(FIELD) + FIELD + phrases;
}

export function unpackItem(packed: string): PreparedItem {
  const [title = '', aliases = '', keywords = '', body = '', phrases = ''] = packed.split(FIELD);
  return {
    title: list(title),
    aliases: list(aliases),
    keywords: list(keywords),
    body: list(body),
    // The title's phrase is always there (an item has a title), so '' is one phrase with no words.
    phrases: phrases.split(PHRASE).map((p) => {
      const [words = '', parts = ''] = p.split(PARTS);
      return { words: list(words), parts: list(parts) };
    }),
  };
}
