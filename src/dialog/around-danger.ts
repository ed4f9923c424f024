/**
 * What citizens say around a danger once it is told: right after an alarm, taking a card to the
 * police or asking what to do now is still about the danger (dev AU); thanks with the danger said
 * to be over is a thank-you (dev AC, P). The dialog's overlay (dialog.ts) decides what to do with
 * them; these are only the phrases.
 */

/** Taking something to the police: "他身份证在我这儿 我要拿着去派出所吗", "去派出所报案要带啥";
 *  or whether to go there first ("他身份证也在俺这 是不是得先去派出所", dev BK). */
const TO_THE_POLICE =
  /(拿着|带着|拿上|带上|拿|带)[^，。,.!?！？ ]{0,4}(去|到|上)(派出所|公安局|所里)|(去|到|上)(派出所|公安局)(报案|报警|立案)?[^，。,.!?！？ ]{0,3}(要|得|用|需要)(拿|带)|(是不是|要不要|用不用|是否)(得|要|该|应该)?(先)?(去|到|上)(派出所|公安局|所里)(报案|报警|立案|说一声)?(?=$|[，。,.!?！？ 吗不么啊呀])/;
/** What to do now: "我现在该咋办", "那俺咋整". */
const WHAT_NOW = /(现在|这会儿|眼下|那我|那俺|我该|俺该)[^，。,.!?！？ ]{0,3}(该|应该)?(咋办|怎么办|咋弄|怎么弄|干啥|做什么|咋整)/;
/** Nothing but what to do: "怎么办啊" (dev BS: right after a newborn's breathing stopped). */
const ONLY_WHAT_NOW = /^(那|那我|那俺|我|俺)?(该|应该)?(咋办|怎么办|咋弄|怎么弄|咋整)(啊|呀|哪|呢|哇)?[?？!！。.]*$/;
/** No one answers the phone or can be reached: "宿管不接电话", right after an alarm (dev BS). */
const CANNOT_REACH = /(不接电话|电话[^，。,.!?！？ ]{0,3}(没人接|打不通|不通|关机)|联系不上|找不着人|找不到人)/;
/** A question in so many words: a question mark or particle, or a question word (啥也没带 asks nothing). */
const ASKS = /[?？吗么呢]|咋|怎么|怎样|如何|啥(?!也|都)|什么(?!也|都)|哪(?!怕)|能不能|可不可以|要不要|行不行|中不中|多久|多少|几(天|个|年|月|号|点|岁)/;
/** Thanks, and a danger said to be over (the emergency cues' not phrases hold the same). */
const THANKED = /谢谢|多谢|感谢|谢了|谢啦/;
const DANGER_OVER = /(已经|现在|终于|暂时|这会儿?|都)[^，。,.!?！？ ]{0,2}(安全了|没事了)|找到了|找着了|找回来了|回来了|放心了/;

export function asksToTakeToThePolice(text: string): boolean {
  return TO_THE_POLICE.test(text);
}

export function asksWhatNow(text: string): boolean {
  return WHAT_NOW.test(text);
}

export function asksOnlyWhatNow(text: string): boolean {
  return ONLY_WHAT_NOW.test(text);
}

export function cannotReach(text: string): boolean {
  return CANNOT_REACH.test(text);
}

/** Does the message ask anything ("他身份正在俺这 身上啥也没带" only tells)? */
export function asksSomething(text: string): boolean {
  return ASKS.test(text);
}

export function thanksDangerOver(text: string): boolean {
  return THANKED.test(text) && DANGER_OVER.test(text);
}
