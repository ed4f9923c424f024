/**
 * Matching intent patterns against a normalised message: a phrase by containment, or a
 * /regex/. Used by the dialog, the safety overlay and query analysis alike.
 */
import type { Pattern } from './types.js';

const PUNCTUATION = /[\p{P}\p{S}\s]+/gu;

export function matches(text: string, pattern: Pattern): boolean {
  return 'text' in pattern ? pattern.text.length > 0 && text.includes(pattern.text) : pattern.regex.test(text);
}

export function matchesAny(text: string, patterns: readonly Pattern[]): boolean {
  return patterns.some((p) => matches(text, p));
}

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
