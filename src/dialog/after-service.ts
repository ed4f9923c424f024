/**
 * "儿子退伍了 当兵那会户口注销了", "俺小子当兵回来了 户口落回来要去哪": a soldier back from the
 * army asks to restore the 户口 cancelled at enlistment, though the message tells the
 * cancellation and the matcher leans to the enlistment item. Asked ahead of time ("等他退伍回来
 * 户口还能上回来不") it is still the enlistment's question. Items found by title.
 */
import { titleSwitch } from './titled.js';

const ENLISTMENT_TITLE = /服现役/;
const RESTORE_TITLE = /恢复户口/;
const BACK = /(退伍|退役|复员|转业)(了|回来|回家|以后|后)|当兵回来|从部队回来|部队退下来/;
const AHEAD = /(等|以后|将来|到时候|万一|要是)[^，。,.!?！？ ]{0,8}(退伍|退役|复员|回来)/;

/** The restoring item, when `item` is the enlistment's and the message tells the soldier is back; else null. */
export const restoredAfterService = titleSwitch({ from: ENLISTMENT_TITLE, says: BACK, unless: AHEAD, to: RESTORE_TITLE });
