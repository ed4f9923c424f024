/**
 * "是不是得先去登记个居住 ‖ 在这边住满多久才能办证": how long one must have lived somewhere is
 * the residence permit's condition (居住半年以上), not the residence registration's, which has none;
 * the conversation's topic holds the citizen there. Dev writers file every such question under the
 * permit's application (dev AX, and the 住多久 questions of every dev set). Items found by title.
 */
import { titleSwitch } from './titled.js';

const REGISTRATION_TITLE = /^居住登记/;
const APPLY_TITLE = /居住证申领/;
/** How long one must have lived here ("住满多久", "住够半年才能办吗", "登记了多久能办暂住证"). */
const STAY = /住(满|够|了)?(多久|多长时间|几个月)|住(满|够)半年|登记(了|完)?(多久|多长时间)[^，。,.!?！？ ]{0,3}(能|可以|才能)办/;

/** The permit's application, when `item` is the residence registration and the message asks how long one must live here; else null. */
export const permitForStay = titleSwitch({ from: REGISTRATION_TITLE, says: STAY, to: APPLY_TITLE });
