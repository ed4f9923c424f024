/**
 * Voice-input slips in documents' names (src/text/sound-alike.ts): a window one sound-alike
 * character away from a name is read as the name; look-alikes that are words of their own stay.
 */
import { describe, expect, test } from '@jest/globals';
import { fixSoundAlikes } from '../../src/text/sound-alike.js';
import { normalize, normalizeMessage } from '../../src/text/normalize.js';
import { fileTestEngine } from '../helpers.js';

const engine = fileTestEngine();

describe('sound-alike slips', () => {
  test.each([
    ['俺跟着儿子住 得办个居主证', '俺跟着儿子住 得办个居住证'],
    ['俺户口奔丢了 咋补', '俺户口本丢了 咋补'],
    ['派出锁在哪儿', '派出所在哪儿'],
    ['俺哩生份证到期了', '俺哩身份证到期了'], // sh/s: the ear of central China
    ['签移证开出来了', '迁移证开出来了'],
    ['局住证头一回办不要钱', '居住证头一回办不要钱'],
    ['俺家户口部叫老鼠咬了', '俺家户口簿叫老鼠咬了'],
    ['办居往证要啥材料', '办居住证要啥材料'], // by shape: handwriting input
    ['户口薄丢了', '户口簿丢了'],
    ['开个户藉证明', '开个户籍证明'],
  ])('%s is read as %s', (slip, name) => {
    expect(fixSoundAlikes(slip)).toBe(name);
  });

  test.each([
    '户口不在这边 能办吗', // 不 is a word, not 簿
    '户口补录要啥', // 补 is the business
    '大学录取了户口迁移怎么办', // 怎 is the question
    '宝宝出生证名字被打错了', // 证名字, not 证明字
    '养家糊口不容易',
    '身份证丢了',
  ])('%s stays as it is', (text) => {
    expect(fixSoundAlikes(text)).toBe(text);
  });

  test('only messages are corrected: the knowledge keeps the spelling its writers used', () => {
    expect(normalize('补个居主证多少钱').text).toBe('补个居主证多少钱');
    expect(normalizeMessage('补个居主证多少钱').text).toBe('补个居住证多少钱');
  });

  test('a citizen who writes 居主证 is answered about the 居住证', async () => {
    const reply = await engine().ask('俺跟着儿子搁洛阳看孙子 俺户口在山东 村里人说得办个居主证', 'slip1');
    expect(reply.kind).toBe('answer');
    expect(reply.item?.id).toBe('residence-permit-apply');
    const fee = await engine().ask('补个居主证多少钱', 'slip2');
    expect(fee.item?.id).toMatch(/^residence-permit-/);
    expect(fee.field).toBe('收费依据及标准');
  });
});
