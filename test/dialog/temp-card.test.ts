/**
 * A temporary card asked after a lost or expiring ID card (src/dialog/temp-card.ts) is the
 * temporary card's item, though the card items speak of it too.
 */
import { describe, expect, test } from '@jest/globals';
import { fileTestEngine, itemsOf } from '../helpers.js';

const engine = fileTestEngine();


describe('a temporary card after a lost or expiring one', () => {
  test.each([
    [['sfz丢了 补要多久', '工地上要登记 急用 能先弄个临时的不'], ['idcard-lost', 'temp-idcard']],
    [['身份证丢了 下周要去外地复试', '补办要多久', '来不及的话还有啥办法吗 坐高铁住酒店都要用'], ['idcard-lost', 'idcard-lost', 'temp-idcard']],
    [['sfz丢了 在郑州打工 老家周口的 能在这边补不', '那这几天坐火车咋整'], ['idcard-nonlocal', 'temp-idcard']],
    [['身份证丢了 下周六考研', '补的话考试前肯定拿不到吧 那咋进考场'], ['idcard-lost', 'temp-idcard']],
    // Asking about the new card itself stays on it.
    [['sfz丢了 补要多久', '补的时候要带啥'], ['idcard-lost', 'idcard-lost']],
  ])('%j', async (turns, items) => {
    expect(await itemsOf(engine(), `tc-${turns.join('').length}`, [...turns])).toEqual(items);
  });
});
