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

/** An item's tokens by field (words and the shorter words inside them), and its phrases' words. */
export interface PreparedItem {
  title: string[];
  aliases: string[];
  keywords: string[];
  body: string[];
  /** The words of the title, then of each alias: what the index matches phrases on. */
  phrases: string[][];
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
      title: tok(text.title),
      aliases: text.aliases.flatMap(tok),
      keywords: text.keywords.flatMap(tok),
      // Bodies are long and seldom repeat: cut without keeping them.
      body: text.bodies.flatMap((t) => tokenizer.tokenize(normalize(t, LONG).text)),
      phrases: [text.title, ...text.aliases].map((p) => {
        // The phrase as a message would be normalised (cap 500): for a short one, the long form.
        const long = this.norm(p);
        return p.length <= 2 * SHORT && long.length <= SHORT ? this.wordsOf(long) : tokenizer.words(normalize(p).text);
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
