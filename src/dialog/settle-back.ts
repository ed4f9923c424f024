/**
 * "我爸年轻时候出国定居 户口注销了 现在想回国落户": coming back to settle, after the 户口 was
 * cancelled for settling abroad, is the item on 华侨 returning to settle (回国定居落户), though the
 * message tells the cancellation too and the matcher leans to it or asks back (dev BC). Items
 * found by title.
 */
import { titleSwitch } from './titled.js';

const EMIGRATION_TITLE = /出国（境）定居注销|出国定居注销/;
const RETURN_TITLE = /回国定居落户/;
/** Coming back to settle: 回国落户, 回来定居, 想回国恢复户口, "现在回国了，能恢复吗" (dev BJ). */
const SETTLING_BACK = /回(国|来|到国内)[^，。,.!?！？ ]{0,4}(落户|定居|上户口|恢复户口|报户口)|回(国|到国内)(了|来了)[^。!?！？]{0,6}(能|可以|想|咋|怎么)?恢复/;

/** The returning item, when `item` is the cancellation for settling abroad and the message tells of coming back to settle; else null. */
export const settleBack = titleSwitch({ from: EMIGRATION_TITLE, says: SETTLING_BACK, to: RETURN_TITLE });
