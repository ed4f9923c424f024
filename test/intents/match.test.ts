/**
 * A pattern list met again is matched as one regular expression (src/intents/match.ts): it
 * must answer exactly as the patterns tried one by one, and keep one by one what cannot be joined.
 */
import { describe, expect, test } from '@jest/globals';
import { combineList, matches, matchesAny } from '../../src/intents/match.js';
import type { Pattern } from '../../src/intents/types.js';

const oneByOne = (text: string, patterns: readonly Pattern[]) => patterns.some((p) => matches(text, p));

describe('a pattern list as one expression', () => {
  const texts = ['身份证丢了怎么补', '有人拿刀砸门', 'sfz掉了', '孩子(3岁)上户口?', '', 'a.b*c', '门口那人手里攥着把刀'];

  test('answers as the patterns one by one, phrases with regex characters and empty phrases included', () => {
    const lists: Pattern[][] = [
      [{ text: '身份证' }, { regex: /砸(门|窗)/u }],
      [{ text: '(3岁)' }, { text: 'a.b*c' }, { text: '' }],
      [{ regex: /^(?!.*补).*丢了/u }, { regex: /(?<!手里)攥着/u }],
      [{ text: '' }],
      [],
    ];
    for (const list of lists) {
      for (const text of texts) {
        expect(matchesAny(text, list)).toBe(oneByOne(text, list));
        expect(matchesAny(text, list)).toBe(oneByOne(text, list)); // the second time, joined
      }
    }
    expect(combineList(lists[0] as Pattern[])?.source).toBe('身份证|(?:砸(门|窗))');
  });

  test('what joining would change is kept one by one', () => {
    const backReference: Pattern[] = [{ regex: /(哈)\1/u }, { text: '救命' }];
    const caseless: Pattern[] = [{ regex: /sfz/iu }, { text: 'HK' }];
    const mixed: Pattern[] = [{ regex: /a/u }, { regex: /b/ }];
    for (const list of [backReference, caseless, mixed]) expect(combineList(list)).toBeNull();
    expect(matchesAny('哈哈', backReference)).toBe(true);
    expect(matchesAny('哈哈', backReference)).toBe(true);
    expect(matchesAny('hk', caseless)).toBe(false); // the phrase stays case-sensitive
    expect(matchesAny('hk', caseless)).toBe(false);
  });
});
