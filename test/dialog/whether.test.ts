/**
 * A yes-or-no question about doing the business asks whether one may or must (办理条件);
 * one that names where, online or the post asks something else. (The section it gets in a
 * conversation is tested in conversation.test.ts, on the engine that file starts.)
 */
import { describe, expect, test } from '@jest/globals';
import { asksWhether } from '../../src/dialog/whether.js';

describe('asksWhether', () => {
  test.each([
    ['俺闺女的户口能落到俺这个本上不', true],
    ['孩子户口能随他妈吗', true],
    ['现在还能改吗', true],
    ['户口到底销不销', true],
    // Round 18: renewing, replacing, transferring, applying (dev B, N, AF, AQ).
    ['洛阳户口 sfz过期半年了一直没顾上 还能换吗', true],
    ['能把娃户口转过来吗', true],
    ['能单独办临时身份证吗', true],
    ['居住证到期了 要续吗', true],
    ['能在老家补吗', false],
    ['网上能报吗', false],
    ['能寄到家里不', false],
    ['回去能办吗', false],
    ['迁不迁要带啥', false],
    ['户口迁过来要带什么', false],
  ])('%s → %s', (text, expected) => {
    expect(asksWhether(text)).toBe(expected);
  });
});
