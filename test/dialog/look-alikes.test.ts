/**
 * Look-alike items the message itself tells apart (src/dialog/death-told.ts, temp-card.ts,
 * permit-renewal.ts, settle-back.ts, child-after-parents.ts,
 * written-wrong.ts, own-home.ts, parent-follows-child.ts, told-ours.ts,
 * bare-move.ts), in a first question, whatever the matcher leans to.
 */
import { describe, expect, test } from '@jest/globals';
import { fileTestEngine, itemsOf } from '../helpers.js';

const engine = fileTestEngine();

describe('told apart in a first question', () => {
  test.each([
    // A death told: the death cancellation, though the matcher reads 国外 as settling abroad.
    [['我爱人在国外工作时出事故去世了 骨灰刚接回来 他的户口要怎么注销'], ['cancel-death']],
    // … but settling abroad told beside a death is that cancellation still.
    [['姐姐入了加拿大籍 在那边定居 老人去年去世了才发现她户口没注销 要怎么注销'], ['cancel-emigration']],
    // A temporary card asked for, not one used before (dev AB, AG).
    [['抢票要身份证 我sfz过期了 人在这边回不去老家 能办个临时的不'], ['temp-idcard']],
    [['去年在公交上包被人划了 身份证一起没了 后来一直用临时的 现在想补正式的 去哪个派出所都行吗'], ['idcard-lost']],
    // Changing a residence permit, between the application and the renewal that score alike.
    [['我有点焦虑 上次去窗口被人吼了一顿 现在都不敢去了 能不能先告诉我换居住证要带什么'], ['residence-permit-renew']],
    // Coming back to settle after the 户口 was cancelled for settling abroad (dev BC).
    [['我爸年轻时候出国定居 户口注销了 现在想回国落户', '他已经加入外国国籍了 还能落吗'], ['naturalization-return', 'naturalization-return']],
    [['我哥定居加拿大了 他的户口要注销吗'], ['cancel-emigration']],
    // The parents' own move done, the child's asked: the child joining them; the whole family still to move stays with the purchase.
    [['我们在洛阳买了房已经落户了 老家的孩子户口怎么迁过来 要带啥'], ['move-minor-to-parents']],
    [['闺女在洛阳落户了 我们老两口想投奔她 户口能迁过去吗'], ['move-parents-to-children']],
    // An entry written wrong on the book or the card is its correction, not a new book (dev BB, G); a lost book stays the book.
    [['俺家户口部上俺孙子写成女哩了', '咋改哩', '要医院开证明不'], ['change-gender', 'change-gender', 'change-gender']],
    [['户口本上名字写错了'], ['change-name']],
    [['身份证号写错了 要换身份证吗'], ['correct-id-number']],
    [['户口本丢了 上面俺孙子的名字也不对 咋补'], ['hukou-book-replace']],
    // A move into a home one bought oneself is the purchase, though a husband is in the story (dev BC).
    [['我跟我老公结婚三年 他以前动手打过我 现在已经分居了 我想把户口迁到我自己买的房子里', '需要他同意吗'], ['move-house-purchase', 'move-house-purchase']],
    [['我想把户口迁到老公那边 要结婚满几年'], ['move-spouse']],
    // A parent who lives with a grown child (俺跟着儿子) joins the child (dev AX, BD); a child following its parent is not this.
    [['俺跟着儿子在洛阳过了好几年了 户口能迁过来不'], ['move-parents-to-children']],
    [['俺跟着孩子来城里了 孩子在这有房有户口 俺这户口能跟过来不', '中 那去哪儿办'], ['move-parents-to-children', 'move-parents-to-children']],
    [['孩子一直跟着我在洛阳上学 他户口还在老家 能迁到我这吗'], ['move-minor-to-parents']],
    // A landlord refusing the tenant's registration is the residence registration, though renting reads as not ours (dev BB);
    // the landlord's own rental registration and the deposit stay refused.
    [['刚来洛阳 租的房子 房东不给登记'], ['residence-registration']],
    [['租的房子 房东不让登记 咋办'], ['residence-registration']],
    [['我家有套房子准备租出去 听说房东要去派出所做出租房屋登记 要带啥材料'], [undefined]],
    [['房东不退押金 找谁'], [undefined]],
    // A 户籍证明 asked to be issued is ours, whatever exam or school is around it; the exam's own dates are not (dev AQ).
    [['考研报名要户籍证明 户口在洛阳 人在外地学校那边能开吗', '多少钱', '那考研报名啥时候开始'], ['hukou-certificates', 'hukou-certificates', undefined]],
    // A move asked with no reason told, between the items asked back between, is the general move (dev K); a follow-up keeps its topic's reason.
    [['迁户口收费吗'], ['move-out']],
    // A bare 签注 is the residence permit's (dev P, AZ, BE); a travel permit's or a trip's stays refused.
    [['签注要带啥'], ['residence-permit-renew']],
    [['港澳通行证签注在哪办'], [undefined]],
    [['我司员工需办理赴港商务签注，请问流程'], [undefined]],
    // A parent joining a married daughter in so many words is not a spouse's move (dev BE).
    [['俺在老家 闺女嫁到洛阳了 俺想投靠俺闺女'], ['move-parents-to-children']],
    [['俺闺女在洛阳买房了 叫俺去跟着她过', '迁户口带啥'], ['move-parents-to-children', 'move-parents-to-children']],
    // A grandparent of the child moving in is a parent joining us (dev BF); the child joining us past its grandparents is not.
    [['孩子奶奶想把户口迁来跟我们一起 帮着带孩子 能行吗', '要啥材料'], ['move-parents-to-children', 'move-parents-to-children']],
    [['孩子跟着我们在洛阳 户口还在老家爷爷奶奶那 想让孩子投靠我们落户 好在这边上学'], ['move-minor-to-parents']],
    // A child's 户口 into a home bought for school is the purchase (dev BF); into parents settled by buying, the child's move (dev AO, Q).
    [['买了学区房 孩子户口能迁过来吗', '要带哪些东西'], ['move-house-purchase', 'move-house-purchase']],
    [['俺两口子在洛阳买房落户了 孩子户口还在老家跟着爷爷奶奶 能迁过来不'], ['move-minor-to-parents']],
    // Parents not married: the newborn's registration, and its 亲子鉴定 a follow-up on it (dev BF).
    [['我们没领证 娃能上户口吗', '那是不是要做亲子鉴定'], ['birth-newborn', 'birth-newborn']],
    // Graduating after enrolling, staff hired rather than students (dev BF).
    [['考上大学了 户口迁不迁好纠结', '迁的话要带啥', '那毕业以后呢 能迁回来吗'], ['move-student-enrol', 'move-student-enrol', 'move-graduate-return']],
    [['我们学校新入职了几个博士 户口要落到学校集体户 怎么办理'], ['move-talent-employment']],
    // Moving out after a divorce is a move out, not joining a spouse; a new marriage's move still is.
    [['跟老公离婚了 户口要迁回娘家'], ['move-out']],
    [['离婚后再婚了 想把户口迁到现在老公这'], ['move-spouse']],
    // The child's father followed (跟着孩子他爸) is the child's move; a death by accident (出车祸走了) the death cancellation;
    // half a month old the newborn's registration (dev BH).
    [['我们全家跟着孩子他爸工作调到洛阳了 孩子户口咋迁过来'], ['move-minor-to-parents']],
    [['我儿子在国外留学 出车祸走了 人已经接回来了 国内户口要销'], ['cancel-death']],
    [['孩子出生后一直在NICU抢救 半个月了 现在出院了 上户口还来得及吗'], ['birth-newborn']],
    // A voice slip of 上户口 (上护口) is read as the registration, not the book it mentions (dev BF).
    [['上护口当天能办完拿到户口本吗'], ['birth-newborn']],
    // A 户口簿 replaced by someone living away is the book's, not the card's cross-province service;
    // with the card named it is the card's (dev BU, BY).
    [['hkb丢了 户口在老家河北 人在洛阳 在这边能补不'], ['hukou-book-replace']],
    [['身份证丢了 户口在老家河北 人在洛阳 在这边能补不'], ['idcard-nonlocal']],
    [['户口在湖南老家 在洛阳上大学 身份证快到期了', '那要带啥材料呀 我户口本也在老家'], ['idcard-nonlocal', 'idcard-nonlocal']],
    // Whether one may buy a home without a local 户口 is the housing office's; settling after buying is ours.
    [['没洛阳户口能买房不'], [undefined]],
    [['买了房没户口能落户吗'], ['move-house-purchase']],
  ])('%j', async (turns, items) => {
    expect(await itemsOf(engine(), `la-${turns.join('')}`, [...turns])).toEqual(items);
  });
});
