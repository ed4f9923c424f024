/**
 * Our business named in so many words, as what is to be done: 怎么迁户口, 户口咋上, 身份证在哪补,
 * 上户口还有没有啥限制, 孩子户口能上洛阳不, 出生登记能在手机上办吗, 户口一直没销, 扣了身份证 … 在洛阳能补吗,
 * 户口本上名字写错了 (an entry of ours written wrong). Issue pattern 3:
 * out of scope means the question is *about* another department, so when a message asks this
 * outright, the matcher's "not ours" must be surer before the bot refuses (dialog.ts, notOurs).
 */
const OUR_BUSINESS_ASKED =
  /(怎么|咋|如何|怎样|在哪|去哪)(迁|上|落|报|补|换|办)(户口|身份证|居住证)|(户口|身份证|居住证)(怎么|咋|如何|怎样|在哪|去哪)(迁|上|落|报|补|换|办)|(上|报|落|补上|补报)户口|户口[^，。,.!?！？ ]{0,2}(能|可以|想|没|没有|还没)(上|报|落|补上)|出生登记|销户|注销户口|户口[^，。,.!?！？ ]{0,4}(没|没有|还没|要|去|得)?(销|注销)|(身份证|户口本|户口簿|居住证)[^。!?！？]{0,24}(能|可以|咋|怎么)(补|换)(吗|不|么|呢)?(?=$|[，。,.!?！？ ])|(户口本|户口簿|户口部|户口页|户口|身份证|居住证)(上|里)的?[^。!?！？]{0,8}(写错|登记错|弄错|打错|录错|写成)/;

export function namesOurBusiness(text: string): boolean {
  return OUR_BUSINESS_ASKED.test(text);
}
