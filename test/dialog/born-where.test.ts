/**
 * Where a child was born (src/dialog/born-abroad.ts) decides between the registration of a
 * child born abroad and the others, whatever the matcher leans to.
 */
import { describe, expect, test } from '@jest/globals';
import { fileTestEngine, itemsOf } from '../helpers.js';

const engine = fileTestEngine();

describe('born here or abroad, told', () => {
  test.each([
    [['俺闺女在澳洲生了个小外孙 能在咱这上户口不', '得拿啥'], ['birth-abroad', 'birth-abroad']],
    [['孩子在北京出生 回来上户口'], ['birth-newborn']],
    [['孩子在北京出生 都两岁了 回来上户口'], ['birth-late']],
    [['娃在老家生的 今年3岁 户口一直没上 俺两口子户口在洛阳 能在这边补上不'], ['birth-late']],
    [['孩子在香港出生的 回来怎么落户'], ['birth-abroad']],
    // Parents who are 华侨 register a child born in China as born abroad (规范第二十三条).
    [['父母都是华侨孩子在国内出生怎么报户口'], ['birth-abroad']],
    // 回国 says where the parents went, not where the child was born.
    [['我们回国以后生的孩子 上户口要带啥'], ['birth-newborn']],
    // A birth abroad told is ours, whatever foreign passport or notarised translation the matcher reads as not ours (dev BA, H) …
    [['孩子在美国生的 已经有美国护照了 还能在洛阳落户不'], ['birth-abroad']],
    [['孩子在澳大利亚出生 出生纸是英文的 要不要翻译公证 复印件可以吗'], ['birth-abroad']],
    // … but not a passport asked for itself.
    [['孩子在美国出生的 美国护照过期了咋换'], [undefined]],
  ])('%j', async (turns, items) => {
    expect(await itemsOf(engine(), `bw-${turns.join('').length}`, [...turns])).toEqual(items);
  });
});
