/**
 * "我爱人在国外工作时出事故去世了 骨灰刚接回来 他的户口要怎么注销": a cancellation asked for
 * someone who died is the death cancellation (死亡注销), wherever the death happened; the
 * matcher leans to the cancellation for settling abroad (出国定居) on 国外. A death told beside
 * settling abroad or a foreign nationality ("姐姐入了加拿大籍 … 老人去年去世了") is background to
 * that cancellation, and stays with it. Items found by title.
 */
import { titleSwitch } from './titled.js';

const CANCELLATION_TITLE = /注销/;
const DEATH_TITLE = /死亡注销/;
/** Death said outright (走了 and 没了 are a goodbye or a loss as often, unless an accident or illness is told with them: 出车祸走了, dev BH). */
const DEATH = /去世|过世|死亡|身故|离世|逝世|病故|病逝|遇难|没救过来|骨灰|火化|死了|(车祸|事故|意外|出事|得病|生病|癌)[^，。,.!?！？ ]{0,3}(走了|没了)/;
/** Settling abroad or another nationality: the cancellation for that, whoever died. */
const SETTLED_ABROAD = /定居|外籍|入籍|[美英加澳日韩德法]国籍|国籍|绿卡|移民/;

/** The death cancellation, when `item` is another cancellation and the message tells a death; else null. */
export const deathCancellation = titleSwitch({ from: CANCELLATION_TITLE, notFrom: DEATH_TITLE, says: DEATH, unless: SETTLED_ABROAD, to: DEATH_TITLE });
