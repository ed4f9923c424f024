/**
 * Retention and re-masking of demand signals, whatever the database (issue 13, finding 2):
 * the decisions both backends take row by row (sqlite/retention.ts, postgres/reports.ts).
 *
 * - An example (or a label, the signal's most representative phrasing) is kept while an
 *   interaction or a verdict still kept says the same masked text; else it goes, and a
 *   label gone is replaced by an example still kept, or none (the key names the signal).
 * - When the masking rules change, keys, labels and examples are masked again; a key that
 *   becomes another signal's is renamed "<key> #<id>", as the grouper names its own.
 */

/** Where the version of the masking rules the stored data went through is kept (table meta). */
export const MASK_RULES_KEY = 'mask_rules';

export interface SignalTexts {
  id: number;
  key: string;
  label: string | null;
  examples: string[];
}

/** Every text the retention check has to look for: examples and labels. */
export function textsToCheck(signals: readonly Pick<SignalTexts, 'label' | 'examples'>[]): string[] {
  return [...new Set(signals.flatMap((s) => [...s.examples, ...(s.label === null ? [] : [s.label])]))];
}

/** The examples and label left once only `kept` texts stay; null when nothing changes. */
export function pruned(s: Pick<SignalTexts, 'label' | 'examples'>, kept: ReadonlySet<string>): { examples: string[]; label: string | null } | null {
  const examples = s.examples.filter((e) => kept.has(e));
  // Labels longer than the grouper's limit end in "…" and are never a whole stored text.
  const labelKept = s.label === null || kept.has(s.label) || (s.label.endsWith('…') && examples.some((e) => e.startsWith(s.label!.slice(0, -1))));
  const label = labelKept ? s.label : (examples[0] ?? null);
  return examples.length === s.examples.length && label === s.label ? null : { examples, label };
}

/** A signal masked again; null when nothing changes. `taken`: whether another signal has that key. */
export function remasked(s: SignalTexts, mask: (text: string) => string, taken: (key: string) => boolean): Omit<SignalTexts, 'id'> | null {
  let key = mask(s.key);
  if (key !== s.key && taken(key)) key = `${key} #${s.id}`;
  const label = s.label === null ? null : mask(s.label);
  const examples = s.examples.map(mask);
  const same = key === s.key && label === s.label && examples.every((e, i) => e === s.examples[i]);
  return same ? null : { key, label, examples };
}
