/**
 * Questions that ask two sections at once (src/dialog/companions.ts): the answer holds both,
 * names the second in `alsoFields`, and the eval's judge counts it right for either section.
 */
import { describe, expect, test } from '@jest/globals';
import { fileTestEngine } from '../helpers.js';
import { asksWithoutDocument, companionOf } from '../../src/dialog/companions.js';
import { judge } from '../../eval/judge.js';

const engine = fileTestEngine();

describe('two sections at once', () => {
  test.each(['没有户口本能办吗', '户口本在他手里 他不给 没有户口本中不中', '报到证丢了还能迁户口吗', '没有租房合同行不行', '通知书还没收到咋办'])('%s asks whether without a document', (text) => {
    expect(asksWithoutDocument(text)).toBe(true);
  });

  test.each(['身份证丢了怎么补', '要带户口本吗', '补办要多久'])('%s does not', (text) => {
    expect(asksWithoutDocument(text)).toBe(false);
  });

  test('each pair goes both ways, only when the message asks it and the item has the other section', () => {
    const brain = engine().engine.brain;
    const all = () => true;
    expect(companionOf(brain, '办理条件', all, '在这边能补吗')).toBe('受理部门');
    expect(companionOf(brain, '受理部门', all, '在这边能补吗')).toBe('办理条件');
    expect(companionOf(brain, '所需材料', all, '没有户口本能办吗')).toBe('办理条件');
    expect(companionOf(brain, '办理条件', all, '没有户口本能办吗')).toBe('所需材料');
    // Whether a document is needed or will do.
    expect(companionOf(brain, '所需材料', all, '在洛阳租房住 报居住登记要房东签字不')).toBe('办理条件');
    expect(companionOf(brain, '办理条件', all, '身份证到期换新的 要照相吗 自己拍的证件照行不行')).toBe('所需材料');
    expect(companionOf(brain, '办理条件', all, '户口迁出一定要准迁证吗')).toBe('所需材料');
    // Only one document in hand (dev AW, H, Q: the writers split between the two).
    expect(companionOf(brain, '办理条件', all, '房本还没下来 只有购房合同 能落户吗')).toBe('所需材料');
    expect(companionOf(brain, '所需材料', all, '买的二手房 只有购房合同 不动产证还没下来 能先落户不')).toBe('办理条件');
    expect(companionOf(brain, '收费依据及标准', all, '超过一个月了会不会罚钱')).toBe('办理条件');
    expect(companionOf(brain, '办理条件', all, '超过一个月了会不会罚钱')).toBe('收费依据及标准');
    // Whether it can be done some way: at home, by post, online, by the school, without going in person.
    expect(companionOf(brain, '办理条件', all, '俺娘瘫床上起不来 派出所能上门给办不')).toBe('办理流程');
    expect(companionOf(brain, '办理条件', all, '能在手机上签吗')).toBe('办理流程');
    expect(companionOf(brain, '所需材料', all, '在这边能补吗')).toBeNull();
    expect(companionOf(brain, '办理条件', (name) => name !== '所需材料', '没有户口本能办吗')).toBeNull();
    expect(companionOf(brain, '办理条件', all, '要带啥')).toBeNull();
  });

  test.each([
    ['想给娃头一回办身份证 没户口本能办吗', 'idcard-first', ['办理条件', '所需材料']],
    ['娃出生俩多月了才想起来报户口 超过一个月了会不会罚钱', 'birth-late', ['办理条件', '收费依据及标准']],
  ])('%s holds both sections and is right for either', async (text, item, sections) => {
    const reply = await engine().ask(text, `c-${text.length}`);
    expect(reply.item?.id).toBe(item);
    expect([reply.field, ...(reply.alsoFields ?? [])].sort()).toEqual([...sections].sort());
    for (const field of sections) {
      expect(reply.text).toContain(`· ${field}】`);
      expect(judge({ q: 'x', expect: item, field }, reply, '', 0).fieldCorrect).toBe(true);
    }
    expect(judge({ q: 'x', expect: item, field: '受理部门' }, reply, '', 0).fieldCorrect).toBe(false);
  });
});
