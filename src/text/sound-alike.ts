/**
 * Voice-input slips in the names of documents and offices: 身份正, 居主证, 户口奔, 派出锁.
 *
 * A voice keyboard, or an elderly citizen picking characters by sound, writes a word that
 * sounds like the name; the learned matcher, trained on the right spelling, then reads
 * nothing in it (居主证 was asked back about, 居住证 answered). synonyms.yaml can list the
 * slips seen, but citizens make new ones. A window of the text that differs from one of the
 * names below in exactly one character, which is read the same way (toneless pinyin, any
 * reading of a polyphone, zh/z ch/c sh/s and -ng/-n alike), is taken for the name.
 *
 * Handwriting and stroke keyboards slip by shape instead (居往证, 户口薄): a few characters that
 * are written almost alike count as the name's character too (SHAPE_ALIKES).
 *
 * Only names of three characters or more: two-character ones have real look-alikes (户口 and
 * 虎口, 糊口). The character replaced is never a function word or a verb of the domain, so
 * "户口不在这" and "户口补录" stay as they are.
 */
import { pinyin } from 'pinyin-pro';

/** The documents and offices citizens name, as the knowledge spells them. */
const NAMES = [
  '身份证', '居民身份证', '临时身份证', '居住证', '户口簿', '户口本', '派出所', '准迁证', '迁移证', '出生证',
  '出生证明', '户籍证明', '准生证', '结婚证', '离婚证', '毕业证', '报到证', '暂住证', '集体户口', '户籍科',
  // 上护口 (dev BF): the matcher read only 户口本 in "上护口当天能办完拿到户口本吗".
  '上户口', '报户口',
];

/** Characters never taken for a slip: function words, and the verbs of the domain. */
const KEEP = new Set(Array.from('不在的了是几里哩没都就也还又有个这那们吗呢吧啊要会能可和跟与去来到给把被让叫补办换迁上开改销落领录查问名怎咋啥哪谁多么什'));

/**
 * Characters written almost like a name's character (a stroke or a dot apart), seen in
 * citizens' messages: 居往证 (dev AV), 户口薄. Each maps to the character it stands for.
 */
const SHAPE_ALIKES: Readonly<Record<string, string>> = { 往: '住', 佳: '住', 薄: '簿', 溥: '簿', 藉: '籍', 迂: '迁' };

const FIRST_TWO = new Map<string, { name: string; at: number }[]>();
for (const name of NAMES) {
  for (const at of [0, 1]) {
    const c = name[at]!;
    FIRST_TWO.set(c, [...(FIRST_TWO.get(c) ?? []), { name, at }]);
  }
}

/**
 * A reading as the ear of most northern and central speakers hears it: zh/ch/sh as z/c/s and
 * -ng as -n (派出说 for 派出所, 身份真 for 身份证).
 */
function loosely(reading: string): string {
  return reading.replace(/^([zcs])h/, '$1').replace(/ng$/, 'n');
}

const readings = new Map<string, readonly string[]>();
function readingsOf(c: string): readonly string[] {
  let r = readings.get(c);
  if (!r) readings.set(c, (r = pinyin(c, { toneType: 'none', type: 'array', multiple: true }).map(loosely)));
  return r;
}

function soundsAlike(a: string, b: string): boolean {
  if (!/\p{Script=Han}/u.test(a)) return false;
  const ra = readingsOf(a);
  return readingsOf(b).some((x) => ra.includes(x));
}

/** The one position where `window` differs from `name` by a sound-alike, or -1. */
function slipAt(window: string, name: string): number {
  let at = -1;
  for (let i = 0; i < name.length; i++) {
    if (window[i] === name[i]) continue;
    if (at >= 0) return -1;
    at = i;
  }
  if (at < 0) return -1;
  const c = window[at]!;
  return !KEEP.has(c) && (soundsAlike(c, name[at]!) || SHAPE_ALIKES[c] === name[at]) ? at : -1;
}

/** The text with sound-alike slips of the names above spelled as the names. */
export function fixSoundAlikes(text: string): string {
  let out = text;
  for (let j = 0; j < out.length; j++) {
    // A window within one character of a name matches it in its first or second character.
    const starts = FIRST_TWO.get(out[j]!);
    if (!starts) continue;
    for (const { name, at } of starts) {
      const start = j - at;
      if (start < 0 || start + name.length > out.length) continue;
      const window = out.slice(start, start + name.length);
      if (window === name || slipAt(window, name) < 0) continue;
      out = out.slice(0, start) + name + out.slice(start + name.length);
      break;
    }
  }
  return out;
}
