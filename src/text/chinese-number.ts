/**
 * Small numbers as citizens type them, in digits or in Chinese up to 九十九: 40, 四十, 四十五,
 * 十二, 两, 俩. Ages in years (dialog/age.ts) and in days (search/matcher/roles.ts) read them here.
 */
const DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** The value of a number written in digits or in Chinese below a hundred; null for anything else. */
export function smallNumber(written: string): number | null {
  if (/^\d+$/.test(written)) return Number(written);
  if (!written.includes('十')) return DIGITS[written] ?? null;
  const [tens = '', ones = ''] = written.split('十');
  const t = tens ? DIGITS[tens] : 1;
  const o = ones ? DIGITS[ones] : 0;
  return t === undefined || o === undefined ? null : t * 10 + o;
}
