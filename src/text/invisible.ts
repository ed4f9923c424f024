/**
 * Characters that show nothing: zero-width spaces and joiners, bidi overrides and
 * isolates, soft hyphens, tag characters, fillers, variation selectors, and control
 * characters other than tab and line breaks.
 *
 * Both matching (normalize) and masking (mask) strip them first: pasted into a number
 * ("1101\u200b05…") they would otherwise hide it from every pattern, and a right-to-left
 * override makes a stored text read differently from what was typed.
 */

// Format (Cf: zero-width, bidi, soft hyphen, tags …), control (Cc) except \t \n \r,
// private use and lone surrogates, and the invisible letters and marks that are not Cf:
// combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free
// variation selectors, variation selectors, the braille blank.
export const INVISIBLE =
  /[\p{Cf}\p{Co}\p{Cs}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
