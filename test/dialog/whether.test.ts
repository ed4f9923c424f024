/**
 * A yes-or-no question about doing the business asks whether one may or must (办理条件);
 * one that names where, online or the post asks something else, and the default never
 * overrides a field phrase.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { asksWhether } from '../../src/dialog/whether.js';
import { cleanTemps, testEngine, type TestEngine } from '../helpers.js';

describe('asksWhether', () => {
  test.each([
    ['俺闺女的户口能落到俺这个本上不', true],
    ['孩子户口能随他妈吗', true],
    ['现在还能改吗', true],
    ['户口到底销不销', true],
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

describe('the section a may-I question gets', () => {
  let t: TestEngine;
  beforeAll(() => {
    t = testEngine();
  });
  afterAll(() => {
    t.close();
    cleanTemps();
  });

  test('whether one may: the conditions; where one may: the office', async () => {
    expect(await t.ask('我在洛阳买了房 老家的闺女户口能迁过来跟我一个本吗', 'w1')).toMatchObject({ kind: 'answer', field: '办理条件' });
    expect(await t.ask('身份证到期了 人在外省 不回去能换吗', 'w2')).toMatchObject({ kind: 'answer', item: { id: 'idcard-nonlocal' }, field: '受理部门' });
    expect(await t.ask('补身份证 乡里的派出所行不行', 'w3')).toMatchObject({ kind: 'answer', field: '受理部门' });
  });
});
