/**
 * Small numbers as citizens type them (src/text/chinese-number.ts).
 */
import { expect, test } from '@jest/globals';
import { smallNumber } from '../../src/text/chinese-number.js';

test.each([
  ['40', 40],
  ['四十', 40],
  ['四十五', 45],
  ['十', 10],
  ['十二', 12],
  ['两', 2],
  ['俩', 2],
  ['七', 7],
  ['多', null],
  ['百', null],
])('%s → %s', (written, value) => {
  expect(smallNumber(written)).toBe(value);
});
