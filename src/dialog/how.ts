/**
 * "How do I do it": a question that asks how to carry out the business ("身份证丢了咋补",
 * "户口咋迁过来", "补户口本咋弄", "怎么办理") asks for the steps, the 办理流程 section,
 * not the item's summary. Citizens who wrote our blind-written dev set (dev-b.yaml) label
 * them so, and the section is what they need: the steps in order.
 *
 * "怎么办"/"咋办" is left out unless the business's noun comes right before it: otherwise
 * it asks what to do at all ("孩子没户口 咋办"), which the summary answers. The verb must follow the question word directly (怎么 + 迁), or
 * after 给/把 and whom it is for (咋给他补上户口, 咋给娃上户口), so "办的怎么样了" is not read as one.
 */
const HOW_TO = /(?:怎么|怎样|如何|咋个|咋)(?:才能|才可以|去|来|样|(?:给|把|为|帮)(?:他|她|其|孩子|娃|宝宝|老人|俺|我|咱)?)?(?:补|换|迁|销|上|落|报|登记|登|改|更正|变更|变|申请|申领|办理|弄|整|签|续|开|分|领|挂失|入|转|恢复|注销|补录|接收|立户)/;

/** The section a how-to question asks for. */
export const HOW_TO_SECTION = '办理流程';

/** 怎么办/咋办 right after the business's own noun ("居住证咋办", "上户口咋办", "手续咋办", "jzz咋办")
 *  asks how to do that business; after a predicate ("丢了咋办", "他爸不同意咋办") it asks what
 *  to do about a problem. Measured 2026-11-26: two more dev-B turns right, none lost. */
const HOW_TO_NOUN = /(?:证|户口|手续|登记|落户|jzz|sfz|hk)(?:到底|该|要|得|应该)?(?:怎么办|咋办)/;
/** …or right after the doing itself, a space between allowed ("迁到城里 咋办", "签注到底咋办"). */
const HOW_TO_DOING = /(?:签注|销户|立户|迁回(?:老家|去)?|迁过去|迁到[^，。,.!?！？ ]{0,4})[ ]?(?:到底|该|要|得|应该)?(?:怎么办|咋办)/;

export function asksHowTo(text: string): boolean {
  return HOW_TO.test(text) || HOW_TO_NOUN.test(text) || HOW_TO_DOING.test(text);
}
