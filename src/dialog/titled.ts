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

/**
 * A look-alike switch by title: from an item whose title matches `from` (and not `notFrom`), a
 * message that says every one of `says` (and not `unless`) is about the item of the same kind
 * whose title matches `to`. Most of the dialog's "the message tells them apart" rules are one.
 */
export interface TitleSwitch {
  from: RegExp;
  notFrom?: RegExp;
  says: RegExp | readonly RegExp[];
  unless?: RegExp;
  to: RegExp;
}

export function titleSwitch(rule: TitleSwitch): (brain: Pick<Brain, 'items'>, item: KnowledgeItem, text: string) => KnowledgeItem | null {
  const says: readonly RegExp[] = rule.says instanceof RegExp ? [rule.says] : rule.says;
  return (brain, item, text) => {
    if (!rule.from.test(item.title) || rule.notFrom?.test(item.title)) return null;
    if (!says.every((re) => re.test(text)) || rule.unless?.test(text)) return null;
    return titledItems(brain, rule.to).find((i) => i.kind === item.kind) ?? null;
  };
}
