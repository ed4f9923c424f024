/**
 * "您可能还想问": after an answer, two or three questions about other items of the same
 * area (category), nearest first: the search ranks every item against the answered one's
 * title and keywords. An area with fewer than two other items is topped up with the
 * nearest items of the same kind of business (临时身份证 → 居民身份证). Each comes with a question to send, the
 * item's first alias (staff write it as citizens ask), so a tap asks the bot as a citizen
 * would. Pure; computed once per item and brain.
 */
import type { Brain } from '../engine/brain.js';
import type { RelatedQuestion, Reply } from '../contract/reply.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import { rank } from '../search/rank.js';

/** How many related questions follow an answer: two or three. */
export const RELATED_MIN = 2;
export const RELATED_MAX = 3;

/**
 * A reply with its item's legal basis (for channels that fold it, the web's 查看依据) and,
 * after an answer, the related questions. The text is left exactly as it is.
 */
export function withAnswerAids(brain: Brain, reply: Reply): Reply {
  const item = reply.item && brain.items.get(reply.item.id);
  if (!item) return reply;
  const related = reply.kind === 'answer' ? relatedQuestions(brain, item.id) : [];
  return related.length ? { ...reply, basis: item.basis, related } : { ...reply, basis: item.basis };
}

/** The question a button for this item sends: its first alias, else its title. */
export function questionFor(item: KnowledgeItem): string {
  return item.aliases[0] ?? item.title;
}

const cache = new WeakMap<Brain, Map<string, readonly RelatedQuestion[]>>();

export function relatedQuestions(brain: Brain, itemId: string): readonly RelatedQuestion[] {
  let byItem = cache.get(brain);
  if (!byItem) {
    byItem = new Map();
    cache.set(brain, byItem);
  }
  let related = byItem.get(itemId);
  if (!related) {
    const item = brain.items.get(itemId);
    related = item ? Object.freeze(nearest(brain, item).map((i) => Object.freeze({ id: i.id, title: i.title, question: questionFor(i) }))) : [];
    byItem.set(itemId, related);
  }
  return related;
}

function nearest(brain: Brain, item: KnowledgeItem): KnowledgeItem[] {
  const query = brain.analyzer.analyze([shortTitle(item), ...item.keywords].join(' '));
  const ranked = rank(query, brain.index)
    .map((r) => brain.items.get(r.id))
    .filter((i): i is KnowledgeItem => !!i && i.id !== item.id);
  const sameArea = [...ranked, ...brain.knowledge.items].filter((i) => i.id !== item.id && i.category === item.category);
  const sameKind = ranked.filter((i) => i.category !== item.category && i.kind === item.kind);
  const unique = [...new Set(sameArea)];
  return (unique.length >= RELATED_MIN ? unique : [...new Set([...unique, ...sameKind])]).slice(0, RELATED_MAX);
}

/** A title without its bracketed remarks: 户口迁出（含准迁证…） → 户口迁出. */
export function shortTitle(item: KnowledgeItem): string {
  return item.title.replace(/（.*?）|\(.*?\)/g, '');
}
