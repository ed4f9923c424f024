/**
 * The questions the web chat's welcome offers as buttons: the ones staff chose in
 * intents/suggestions.yaml; when they chose none, the items citizens asked about most
 * (the caller reads them from the log), topped up with one item per area (the one asked
 * most simply, by the shortest first alias: 孩子刚出生咋上户口, 户口怎么迁出去) so a new installation
 * still offers a full row. Pure.
 */
import type { Suggestion } from '../contract/reply.js';
import type { Brain } from '../engine/brain.js';
import { SUGGESTIONS } from '../intents/load.js';
import { CATEGORIES } from '../knowledge/types.js';
import { questionFor } from './related.js';

export function welcomeSuggestions(brain: Brain, mostAsked: readonly string[]): Suggestion[] {
  const chosen = brain.intents.suggestions;
  if (chosen.length) return chosen.map((question) => ({ question, id: null }));
  const oneOfEachArea = CATEGORIES.map((c) => {
    const area = brain.knowledge.items.filter((i) => i.category === c);
    return area.reduce<(typeof area)[number] | undefined>((best, i) => (!best || questionFor(i).length < questionFor(best).length ? i : best), undefined)?.id;
  });
  const ids = [...new Set([...mostAsked, ...oneOfEachArea])];
  const items = ids.map((id) => (id ? brain.items.get(id) : undefined)).filter((i) => i !== undefined);
  return items.slice(0, SUGGESTIONS.max).map((item) => ({ question: questionFor(item), id: item.id }));
}
