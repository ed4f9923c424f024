/**
 * The nearest section of an item to a follow-up that names no section ("家里人能替我办
 * 吗", "过期了还能补吗"): the section sharing the most telling character pairs with the
 * message. Character pairs, because follow-ups are short and colloquial and jieba often
 * cuts them unlike the item's text; a pair counts more the fewer sections use it.
 */
import type { KnowledgeItem } from '../knowledge/types.js';
import { bare } from '../intents/match.js';

function pairs(text: string): Set<string> {
  const chars = Array.from(bare(text));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

const cache = new WeakMap<KnowledgeItem, { name: string; pairs: Set<string> }[]>();

/** The best of `names` for the message, or null when none shares a telling pair. */
export function nearestSection(item: KnowledgeItem, names: readonly string[], text: string): string | null {
  let sections = cache.get(item);
  if (!sections) {
    sections = item.sections.map((s) => ({ name: s.name, pairs: pairs(s.body) }));
    cache.set(item, sections);
  }
  const candidates = sections.filter((s) => names.includes(s.name));
  const asked = pairs(text);
  let best: { name: string; score: number } | null = null;
  for (const s of candidates) {
    let score = 0;
    for (const p of asked) {
      if (!s.pairs.has(p)) continue;
      const spread = candidates.filter((c) => c.pairs.has(p)).length;
      score += Math.log(1 + candidates.length / spread);
    }
    if (score > 0 && (!best || score > best.score)) best = { name: s.name, score };
  }
  return best?.name ?? null;
}
