/**
 * "May I" and "must I": a yes-or-no question about doing the business ("户口能迁过来吗",
 * "娃的户口能跟我一个本不", "现在还能报不", "户口迁不迁") asks whether one may or must, which
 * the 办理条件 section answers. Writers of the blind-written dev sets label such questions
 * 办理条件 246 times and leave them without a section 167 times (where any section is right);
 * the summary they got instead made them ask again.
 *
 * It is only a default, after a field phrase and a sure reading of the matcher: "能在这边补吗"
 * asks where (fields.yaml), "网上能报不" how, "能改吗 要开啥证明" the materials. So the
 * question's own clause must not name a place, the internet or the post.
 */
const MAY = /(?<!((?<!现|正|还|实)在|网上|手机上|线上|回来|回去|手机|网)[^，。,.!?！？ ]{0,2})能(不能)?(?![^，。,.!?！？ ]{0,8}((?<!现|正|实)在|网上|手机|线上|寄|邮))(把)?[^，。,.!?！？ ]{0,6}(迁|落|上户|报|改|随|跟|登|换|转|补|办)[^，。,.!?！？ ]{0,8}(吗|不|么)(?=$|[，。,.!?！？ ])/;

/** "迁不迁", "销不销": whether one must. */
const MUST = /(迁|落|销|报|换|改|办)不\1(?![^，。,.!?！？ ]{0,6}(带|材料|多少钱|多久|哪))/;

/** "居住证到期了 要续吗", "一年要签注一次吗": whether one must renew. */
const MUST_RENEW = /(要|得|需要|必须)(每年|一年|年年)?(续|续签|签注|签)[^，。,.!?！？ ]{0,4}(吗|不|么)(?=$|[，。,.!?！？ ])/;

/** The section a may-I question asks for. */
export const WHETHER_SECTION = '办理条件';

export function asksWhether(text: string): boolean {
  return MAY.test(text) || MUST.test(text) || MUST_RENEW.test(text);
}
