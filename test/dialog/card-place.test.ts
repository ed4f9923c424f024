/**
 * Where the ID card is to be made (src/dialog/card-place.ts): away from the 户口's place is the
 * 异地 item, at home the lost or expired card's; a message that does not say is the matcher's.
 */
import { describe, expect, test } from '@jest/globals';
import { fileTestEngine } from '../helpers.js';
import { cardItemForPlace, cardMadeWhere, placedCard } from '../../src/dialog/card-place.js';

const engine = fileTestEngine();

describe('where the card is to be made', () => {
  test.each([
    ['在上海上班 身份证丢了 户口是河南的 能在上海补吗', 'away'],
    ['在广州打工 身份证到期了 广州能直接换吗 还是要回河南', 'away'],
    ['在深圳补办湖南的身份证 要多少钱', 'away'],
    ['他身份证在那丢了 能在那边补吗', 'away'],
    ['在深圳电子厂上班 身份证八月到期 在深圳这边能不能直接换', 'away'],
    ['俺是洛阳的 在深圳上班 sfz过期了 非得回老家换吗', 'away'],
    ['我户口在洛阳 现在在深圳上班 身份证快过期了 不回去能办吗', 'away'],
    ['外省户口在洛阳补身份证要带啥', 'away'],
    ['非本省户籍 换领身份证 市里哪些派出所可以受理', 'away'],
    ['俺户口在山东 派出所说身份证要回老家换 是真的不', 'away'],
    // The home province said before another of its cities is that city (dev BB).
    ['在工地干活 户口在河南周口 sfz到期了', 'away'],
    ['户口在河南省周口市 身份证丢了 在洛阳能补吗', 'away'],
    ['我户口在洛阳 在外地打工回来 补身份证要带啥', 'home'],
    ['过年回洛阳把sfz弄丢了 户口就在洛阳 补一个要几天', 'home'],
    ['俺儿在外地医院住着呢 身份证到期了人回不来 俺能替他换不', 'home'],
    ['补办身份证可以让家里人代办吗 我人在外地出差回不去', 'home'],
    ['身份证丢了 我在外地上学回不去 能让我妈在洛阳替我补吗', 'home'],
    // A district of this city is home (dev BD).
    ['补办身份证去哪里办 户口在老城区', 'home'],
    ['身份证丢了 户口在伊川 在哪补', 'home'],
    ['洛阳户口 sfz过期半年了 还能换吗', 'home'],
    ['在外地身份证被偷 当地派出所给开了个证明 回这边能直接补吗', 'home'],
    // In the city or county itself (dev AO), unless another place is named.
    ['俺那身份正再有俩月就到期了 村里人说得回乡里派出所换 俺搁洛阳城里跟着闺女住哩 在城里能换不', 'home'],
    ['身份证丢了 县城能补不', 'home'],
  ] as const)('%s → %s', (text, where) => {
    expect(cardMadeWhere(engine().engine.brain, text)).toBe(where);
  });

  test.each([
    // Something done away already is no place to apply; 户口 at home while living elsewhere says nothing.
    '身份证丢了三天 刚收到短信说我名下在外地办了张电话卡',
    '我户口在洛阳 人在东莞厂里 sfz下个月到期',
    '身份证丢了 补办要带啥',
    // Whether one must go back is asked from away, but says nothing of where they will apply.
    '身份证丢了 是不是还是要回洛阳补',
  ])('%s → not said', (text) => {
    expect(cardMadeWhere(engine().engine.brain, text)).toBeNull();
  });

  test('the items are found by title within the category: away is 异地, at home 补领 for a lost card and 换领 for an expiring one', () => {
    const { brain } = engine().engine;
    const item = (id: string) => brain.items.get(id)!;
    expect(placedCard(brain, item('idcard-lost'), '能在上海补吗')?.id).toBe('idcard-nonlocal');
    expect(placedCard(brain, item('idcard-renew'), '能在成都换吗')?.id).toBe('idcard-nonlocal');
    expect(placedCard(brain, item('idcard-nonlocal'), '我户口在洛阳 打工回来了 身份证丢了咋补')?.id).toBe('idcard-lost');
    expect(placedCard(brain, item('idcard-nonlocal'), '洛阳户口 身份证过期了 能补换吗')?.id).toBe('idcard-renew');
    expect(cardItemForPlace(brain, item('idcard-nonlocal'), '能在上海补吗')?.id).toBe('idcard-nonlocal');
    expect(cardItemForPlace(brain, item('idcard-lost'), '身份证丢了怎么补')).toBeNull();
    // Already the right item, or an item of another category: nothing to change.
    expect(placedCard(brain, item('idcard-nonlocal'), '能在上海补吗')).toBeNull();
    expect(placedCard(brain, item('residence-permit-apply'), '能在上海办吗')).toBeNull();
    expect(placedCard(brain, item('idcard-first'), '能在上海办吗')).toBeNull();
  });

  test('in the dialog: a first message and a follow-up that says where', async () => {
    expect((await engine().ask('在上海上班 身份证丢了 能在上海补吗', 'cp1')).item?.id).toBe('idcard-nonlocal');
    expect((await engine().ask('孩子身份证丢了 他在外地上学回不来 我在老家能替他补不', 'cp2')).item?.id).toBe('idcard-lost');
    expect((await engine().ask('身份证到期了怎么换', 'cp3')).item?.id).toBe('idcard-renew');
    expect((await engine().ask('人在成都上学 能在成都换吗', 'cp3')).item?.id).toBe('idcard-nonlocal');
    // Two card items scored alike: the place decides instead of asking back.
    expect((await engine().ask('安徽户口 身份证丢了 在洛阳派出所能补不', 'cp4')).item?.id).toBe('idcard-nonlocal');
  });
});
