/**
 * Items found by their titles (异地, 补领, 临时, 恢复户口 …): the dialog's rules that pick between
 * look-alike items name them this way, so staff can rename ids. The scan is made once per
 * knowledge and title, not on every answer.
 */
import type { Brain } from '../engine/brain.js';
import type { KnowledgeItem } from '../knowledge/types.js';

const cache = new WeakMap<object, Map<RegExp, readonly KnowledgeItem[]>>();

/** The items whose titles match `title`, in knowledge order. */
export function titledItems(brain: Pick<Brain, 'items'>, title: RegExp): readonly KnowledgeItem[] {
  let byTitle = cache.get(brain.items);
  if (!byTitle) cache.set(brain.items, (byTitle = new Map()));
  let found = byTitle.get(title);
  if (!found) byTitle.set(title, (found = [...brain.items.values()].filter((i) => title.test(i.title))));
  return found;
}
