/**
 * Matching intent patterns against a normalised message: a phrase by containment, or a
 * /regex/. Used by the dialog, the safety overlay and query analysis alike.
 */
import type { Pattern } from './types.js';

const PUNCTUATION = /[\p{P}\p{S}\s]+/gu;

export function matches(text: string, pattern: Pattern): boolean {
  return 'text' in pattern ? pattern.text.length > 0 && text.includes(pattern.text) : pattern.regex.test(text);
}

/**
 * Whether any pattern of a list matches. A list met a second time is tried as one regular
 * expression, its patterns as alternatives: V8 then scans the message once instead of once per
 * pattern (the danger cues alone are 80-odd lists of up to 143 patterns each; measured
 * 2026-11-29 on the dev messages, 34 → 14 µs for all the cue and out-of-scope lists). A list
 * seen once only (built for one call) is not worth compiling.
 */
export function matchesAny(text: string, patterns: readonly Pattern[]): boolean {
  const kept = combined.get(patterns);
  if (kept === undefined) combined.set(patterns, SEEN_ONCE);
  const one = kept === undefined ? null : kept === SEEN_ONCE ? combineList(patterns) : kept;
  return one ? one.test(text) : patterns.some((p) => matches(text, p));
}

/** The list as one regular expression, kept for it (compiling it is the caller's: see
 *  src/engine/warm-regexes.ts); null when its patterns cannot be joined (flags differ,
 *  numbered or named groups would be renumbered, flags other than u would change how the
 *  phrases match). */
export function combineList(patterns: readonly Pattern[]): RegExp | null {
  const kept = combined.get(patterns);
  if (kept !== undefined && kept !== SEEN_ONCE) return kept;
  const usable = patterns.filter((p) => !('text' in p) || p.text.length > 0);
  const flags = new Set(usable.flatMap((p) => ('regex' in p ? [p.regex.flags.replace('g', '')] : [])));
  const joinable = flags.size <= 1 && [...flags].every((f) => f === 'u' || f === '') && usable.every((p) => 'text' in p || !GROUP_REFERENCES.test(p.regex.source));
  const one = !joinable ? null : usable.length === 0 ? NOTHING : new RegExp(usable.map((p) => ('text' in p ? escapeRegExp(p.text) : `(?:${p.regex.source})`)).join('|'), [...flags][0] ?? 'u');
  combined.set(patterns, one);
  return one;
}

const SEEN_ONCE = /(?!)/;
const NOTHING = /(?!)/;
/** Back references and named groups: joined into one expression their numbers would shift. */
const GROUP_REFERENCES = /\\[1-9k]|\(\?<[A-Za-z]/;
const combined = new WeakMap<readonly Pattern[], RegExp | null>();

/** The message without punctuation, symbols and spaces. */
export function bare(text: string): string {
  return text.replace(PUNCTUATION, '');
}

/** Text as a regex source that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern as a global regex, to find or blank out every occurrence. */
export function globalRegex(pattern: Pattern): RegExp {
  if ('text' in pattern) return new RegExp(escapeRegExp(pattern.text), 'gu');
  return new RegExp(pattern.regex.source, `${pattern.regex.flags.replace('g', '')}g`);
}
