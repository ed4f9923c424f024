/**
 * Whether one may do a business at a place (src/dialog/whether-there.ts): the answer holds the
 * conditions and the office, names the second in `alsoFields`, and the eval's judge counts it
 * right for either section.
 */
import { describe, expect, test } from '@jest/globals';
import { fileTestEngine } from '../helpers.js';
import { asksWhetherThere } from '../../src/dialog/whether-there.js';
import { judge } from '../../eval/judge.js';

const engine = fileTestEngine();

describe('whether one may do it at a place', () => {
  test.each(['在这边能补吗', '我安徽的 在洛阳能换身份证不', '能在这补吗 户口在贵州', '户口能上在这边吗 还是得回老家', '能不能在学校这边换', '身份证能在上海办吗', '两岁了还没上户口 回俺这上中不中', '俺村那个派出所中不中', '镇上派出所能办不', '打110能不能直接给我开个户籍证明', '厂里要户籍证明 打110能给开不', '爸爸户口在外地 我户口在洛阳 能落我这吗', '他爸户口在外省 孩子能上俺洛阳这边不', '我老婆是外省户口 我是洛阳的 孩子户口上哪边'])('%s asks it', (text) => {
    expect(asksWhetherThere(engine().engine.brain, text)).toBe(true);
  });

  test.each(['身份证丢了怎么补', '在哪个派出所办', '补办要带啥', '现在补还能补上吗 要带啥材料', '在这边打工 sfz丢了'])('%s does not', (text) => {
    expect(asksWhetherThere(engine().engine.brain, text)).toBe(false);
  });

  test('a follow-up asking it gets both sections too (round 18, dev AP)', async () => {
    await engine().ask('俺老头子上个月走了 户口得去销吧', 'wt-f1');
    const reply = await engine().ask('搁哪儿销哩 俺村那个派出所中不中', 'wt-f1');
    expect(reply.item?.id).toBe('cancel-death');
    expect([reply.field, ...(reply.alsoFields ?? [])].sort()).toEqual(['办理条件', '受理部门']);
  });

  test('the answer holds both sections, names the second, and is right for either', async () => {
    const reply = await engine().ask('我是四川的 sfz过期了 在这边能换吗', 'wt1');
    expect(reply.item?.id).toBe('idcard-nonlocal');
    const both = [reply.field, ...(reply.alsoFields ?? [])].sort();
    expect(both).toEqual(['办理条件', '受理部门']);
    expect(reply.text).toContain('· 办理条件】');
    expect(reply.text).toContain('· 受理部门】');
    for (const field of ['办理条件', '受理部门']) {
      expect(judge({ q: 'x', expect: 'idcard-nonlocal', field }, reply, '', 0).fieldCorrect).toBe(true);
    }
    expect(judge({ q: 'x', expect: 'idcard-nonlocal', field: '所需材料' }, reply, '', 0).fieldCorrect).toBe(false);
    // A question of one fact gets one section.
    const one = await engine().ask('我是四川的 sfz过期了 在这边换要带啥', 'wt2');
    expect(one.field).toBe('所需材料');
    expect(one.alsoFields).toBeUndefined();
  });
});
