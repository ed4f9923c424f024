/**
 * Normalisation: the first step for every message, before matching and before storage.
 *
 * Citizens type on phones in every form: traditional characters (Hong Kong / Taiwan
 * keyboards), full-width letters and digits, emoji, pasted control characters. Matching
 * works on one canonical form: simplified Chinese, half-width ASCII, lower-case Latin,
 * single spaces, and a bounded length (so a megabyte paste costs no more than a sentence).
 */
// The traditional → simplified build only: the full one also carries simplified → traditional.
import * as OpenCC from 'opencc-js/t2cn';
import { stripInvisible } from './invisible.js';
import { fixSoundAlikes } from './sound-alike.js';

/** Longest message we look at; anything beyond is cut (and said so by the caller). */
export const DEFAULT_MAX_LENGTH = 500;

/**
 * Traditional (Hong Kong, Taiwan and OpenCC standard variants) → mainland simplified, in
 * two passes: the Hong Kong and Taiwan variant tables merged into one, then traditional →
 * simplified. Chaining the library's hk→cn and tw→cn converters ran the large
 * traditional → simplified pass twice, and its second run turned 么 into 幺 (怎麼 → 怎幺);
 * on every line of the repo's text and its hk/tw/twp/t conversions the two-pass form
 * differs from the chain only where the chain was wrong, at 3.5× the speed.
 */
const toSimplified = OpenCC.ConverterFactory([[...OpenCC.Locale.from.hk[0]!, ...OpenCC.Locale.from.tw[0]!]], OpenCC.Locale.to.cn);

// Emoji and pictographs, their modifiers and joiners, variation selectors.
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{1F1E6}-\u{1F1FF}\u200d\ufe0e\ufe0f\u20e3]/gu;

/**
 * Weapons sent as emoji ("🔪🔪 他在门外") are read as their Chinese names (CLDR's), so the
 * danger cues see them; every other emoji carries too little or too many meanings (🔥 is as
 * often "popular" as fire) and is dropped.
 */
const EMOJI_WORDS: Record<string, string> = { '🔪': '菜刀', '🗡': '匕首', '🔫': '手枪', '💣': '炸弹' };
const EMOJI_WORD = new RegExp(Object.keys(EMOJI_WORDS).join('|'), 'gu');

/**
 * Characters no one means, typed for the one they look like: 囗 (the enclosure radical) for 口
 * (上户囗, dev AV). Unread, 户囗 left "他爸…回不来" alone for the matcher to read as danger.
 */
const LOOKALIKE_CHARS = /囗/g;

export interface NormalizeResult {
  text: string;
  /** True when the input was longer than the cap and was cut. */
  truncated: boolean;
}

export function normalize(input: string, maxLength = DEFAULT_MAX_LENGTH): NormalizeResult {
  // Cut early on code points (a megabyte input must stay cheap), then again after cleaning.
  // A string of at most n UTF-16 units has at most n code points: no cut, no array needed.
  let text = input.length <= maxLength * 2 ? input : Array.from(input.slice(0, maxLength * 4)).slice(0, maxLength * 2).join('');
  text = text.normalize('NFKC'); // full-width → half-width, compatibility forms → plain
  text = text.replace(EMOJI_WORD, (e) => ` ${EMOJI_WORDS[e]} `).replace(EMOJI, ' ').replace(/[\t\n\r\v\f]/g, ' ');
  text = stripInvisible(text);
  text = toSimplified(text).replace(LOOKALIKE_CHARS, '口');
  text = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (text.length <= maxLength) return { text, truncated: input.length > maxLength * 4 };
  const chars = Array.from(text);
  const truncated = chars.length > maxLength || input.length > maxLength * 4;
  return { text: chars.length > maxLength ? chars.slice(0, maxLength).join('') : text, truncated };
}

/**
 * A citizen's message as the engine reads it: normalised, and documents' names spelled as the
 * knowledge spells them (身份正, 居主证: voice-input slips, sound-alike.ts). Only messages: the
 * knowledge's phrasings keep the slips their writers put in, so the matcher still learns them.
 */
export function normalizeMessage(input: string, maxLength = DEFAULT_MAX_LENGTH): NormalizeResult {
  const { text, truncated } = normalize(input, maxLength);
  return { text: fixSoundAlikes(text), truncated };
}
