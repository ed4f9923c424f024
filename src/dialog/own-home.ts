/**
 * "我跟我老公结婚三年 … 现在已经分居了 我想把户口迁到我自己买的房子里": moving one's 户口 into a
 * home one bought oneself is the purchase (购房落户), whoever else the story names; the matcher
 * leans to the spouse's move on 老公. Moving into the spouse's home ("迁到他买的房子") stays a
 * spouse's move. Items found by title.
 */
import { titleSwitch } from './titled.js';

/** Into a home bought by the one asking, said outright. */
const INTO_OWN_HOME = /迁(到|进|入|去)[^，。,.!?！？ ]{0,4}(我|俺)?自己(买|购买|名下)的?(房|房子|新房|那套)|迁(到|进|入|去)(我|俺)(自己)?(买|购买)的(房|房子|新房)/;

export const ownHome = titleSwitch({ from: /夫妻投靠/, says: INTO_OWN_HOME, to: /购房/ });
