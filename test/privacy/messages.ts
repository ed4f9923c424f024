/**
 * The committed messages with personal data (personal-messages.yaml), and generators of
 * personal numbers written the ways that slipped past the old masker: any separators
 * between groups, invisible characters inside, full-width digits, Chinese numerals.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface PersonalMessage {
  text: string;
  /** Must be gone from whatever is stored. */
  secrets: string[];
  /** Must still be there: the question itself. */
  keep?: string[];
}

export function personalMessages(): { group: string; message: PersonalMessage }[] {
  const file = parse(readFileSync(join(import.meta.dirname, 'personal-messages.yaml'), 'utf8')) as Record<string, PersonalMessage[]>;
  return Object.entries(file).flatMap(([group, list]) => list.map((message) => ({ group, message })));
}

/**
 * A secret is found if it is there as written or with the spaces taken out. A short number
 * (a room number, 1608) counts as itself, not as digits inside a longer number or a logged
 * value ("ms":1608 is a slow answer under load, not the citizen's flat).
 */
export function leaks(stored: string, secret: string): boolean {
  const plain = secret.replace(/\s/g, '');
  if (/^\d{1,5}$/.test(plain)) {
    const alone = new RegExp(`(?<![\\d:.])${plain}(?!\\d)`);
    return alone.test(stored) || alone.test(stored.replace(/\s/g, ''));
  }
  return stored.includes(secret) || stored.replace(/\s/g, '').includes(plain);
}

const SEPARATORS = [' ', '  ', '.', '/', '_', '，', ',', '-', '—', '·', ' - ', '. ', '\u3000', '\t', '~', '*'];
export const INVISIBLES = [
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d',
  '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c', '\u180e', '\u034f', '\ufe0f', '\u3164', '\u{e0041}', '\u0007',
];
const CHINESE = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const FULL_WIDTH = (d: number) => String.fromCharCode(0xff10 + d);

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
/** Numbers of the kinds citizens paste: 18- and 15-digit IDs, mobiles, bank cards. */
export const personalNumber = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(16), fc.constantFrom('0', '5', '9', 'X', 'x')).map(([a, b, c]) => `${a}${b.join('')}${c}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(14)).map(([a, b]) => `${a}${b.join('')}`),
  fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([a, b]) => `1${a}${b.join('')}`),
  fc.tuple(fc.constantFrom('62', '43', '52'), fc.integer({ min: 14, max: 17 }).chain((n) => digits(n))).map(([a, b]) => `${a}${b.join('')}`),
);

/** How one digit is typed: plain, full-width, or as a Chinese numeral. */
const digitStyle = fc.constantFrom<'plain' | 'full' | 'chinese'>('plain', 'plain', 'full', 'chinese');

/** A number as typed: groups split anywhere, any separators, invisible characters anywhere. */
export const writtenNumber = personalNumber.chain((number) =>
  fc
    .record({
      cuts: fc.array(fc.boolean(), { minLength: number.length - 1, maxLength: number.length - 1 }),
      separators: fc.array(fc.constantFrom(...SEPARATORS), { minLength: number.length, maxLength: number.length }),
      invisibles: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES)), { maxLength: 5 }),
      style: digitStyle,
      prefix: fc.constantFrom('', '', '+86 ', '86-'),
    })
    .map(({ cuts, separators, invisibles, style, prefix }) => {
      const chars = Array.from(number).map((c) => {
        if (!/\d/.test(c)) return c;
        const d = Number(c);
        return style === 'full' ? FULL_WIDTH(d) : style === 'chinese' ? (CHINESE[d] ?? c) : c;
      });
      let out = '';
      chars.forEach((c, i) => {
        out += c;
        if (i < chars.length - 1 && cuts[i]) out += separators[i] ?? ' ';
      });
      const pieces = Array.from(out);
      for (const [at, ch] of invisibles) pieces.splice(at % (pieces.length + 1), 0, ch);
      // A mobile may carry the country code; other numbers are written bare.
      const mobile = number.length === 11;
      return { number, written: (mobile ? prefix : '') + pieces.join('') };
    }),
);

/** Sentences around the number, without digits, Chinese numerals or the letter x. */
export const TEMPLATES = [
  '身份证号{}丢了，补办要带什么',
  '驾照丢了{}怎么弄',
  '{}是我的电话，居住证怎么办',
  '户口迁移，联系方式{}',
  '我的卡号{}被冻结了，去哪里问',
  '帮我查查{}这个号码',
  '养狗证怎么办理？电话{}',
  '请回电{}谢谢',
];
