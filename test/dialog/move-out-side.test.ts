/**
 * Leaving this city (src/dialog/move-out-side.ts): whatever the reason for the move, a question
 * about this city's side of it is the move-out item's; a move into this city asked the same way
 * stays with its reason.
 */
import { describe, expect, test } from '@jest/globals';
import { fileTestEngine, itemsOf } from '../helpers.js';

const engine = fileTestEngine();


describe("this city's side of leaving it", () => {
  test.each([
    [['户口在洛阳 想迁到广州 老婆在那边', '还得回洛阳跑一趟吗', '多久能办好'], ['move-out', 'move-out', 'move-out']],
    [['想把户口迁到深圳 我在那边上班', '要回洛阳跑一趟不'], [undefined, 'move-out']],
    [['户口想从洛阳迁到广州 我在那边买房了 洛阳这边要办啥'], ['move-out']],
    [['准备从洛阳把户口迁去杭州了 那边人才落户批了'], ['move-out']],
    // Into this city, the same question stays with the reason (dev AI, AN).
    [['嫁到洛阳了 户口想从老家迁过来', '要先回老家开迁出吗 还是在这边办就行'], ['move-spouse', 'move-spouse']],
  ])('%j', async (turns, items) => {
    const got = await itemsOf(engine(), `mo-${turns.join('').length}`, [...turns]);
    // (The first turn of the second case names no business of ours beyond moving: only the follow-up is asserted.)
    items.forEach((item, i) => item !== undefined && expect(got[i]).toBe(item));
  });
});
