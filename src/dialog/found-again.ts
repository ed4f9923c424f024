/**
 * "吓死我了 刚才以为身份证丢了 原来在包的夹层里 顺便问下到期换证要多少钱": a card thought lost
 * and found again is no lost card; the expiry the message goes on to ask about is the renewal,
 * though 丢了 leads the matcher to the replacement (dev BL). Items found by title.
 */
import { titleSwitch } from './titled.js';

const LOST_CARD_TITLE = /身份证遗失补领/;
const RENEWAL_TITLE = /身份证到期换领/;
/** Thought lost, then found: 以为…丢了 … 原来在 / 又找到了. */
const FOUND_AGAIN = [/以为[^。!?！？]{0,8}(丢了|丢失|掉了|不见了|没了)/, /(原来|结果|后来|又|已经)[^，。,.!?！？ ]{0,4}(在|找到|找着|找回)/];
/** …and asks of its expiry. */
const EXPIRY = /到期|过期|换证|换领|换新|快到期|有效期/;

/** The renewal, when `item` is the lost card's replacement and the message tells of a card found again and asks of its expiry; else null. */
export const foundAgain = titleSwitch({ from: LOST_CARD_TITLE, says: [...FOUND_AGAIN, EXPIRY], to: RENEWAL_TITLE });
