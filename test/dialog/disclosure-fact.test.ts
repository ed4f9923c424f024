/**
 * One fact of a disclosure application (src/dialog/disclosure-fact.ts): the fee, what the
 * application must say, how long the reply takes go to the items holding them, not to how to apply.
 */
import { describe, expect, test } from '@jest/globals';
import { fileTestEngine } from '../helpers.js';

const engine = fileTestEngine();

describe('a fact of a disclosure application', () => {
  test.each([
    ['写论文想要点公安的数据 申请政府信息公开要交钱吗', 'disclosure-fees'],
    ['学校叫查个政府的文件 俺想找公安局申请公开 得交钱不', 'disclosure-fees'],
    ['拟就一起已结命案的侦办情况向公安局提交政府信息公开申请 申请书应载明哪些内容', 'disclosure-application-content'],
    ['想申请公开公安局的一个文件 怎么申请', 'disclosure-how-to-apply'],
    // Scored alike with another disclosure item: asking how to apply decides (dev AJ, AO).
    ['我想申请公开我们片区派出所的执法信息 怎么申请', 'disclosure-how-to-apply'],
    ['想找你们要个公开的信息 能在网上申请不 人不在洛阳', 'disclosure-how-to-apply'],
    // No reply in time, and a remedy asked: the remedies (dev AX, BC); asking whether the wait is normal is the time limit.
    ['本人代理的当事人曾向贵局申请公开政府信息，但逾期未获答复，请问可通过哪些途径寻求救济？', 'disclosure-remedies'],
    ['我申请了一个多月了还没回复 这正常吗', 'disclosure-deadline'],
  ])('%s → %s', async (text, item) => {
    expect((await engine().ask(text, `df-${text}`)).item?.id).toBe(item);
  });
});

describe('the year\'s figures on a subject', () => {
  test('a count asked in a conversation about 2020 is the annual report\'s item; the rules and where the reports are stay disclosure items', async () => {
    const user = 'yf1';
    await engine().ask('贵局2020年收到的政府信息公开申请数量是多少？', user);
    expect((await engine().ask('主动公开的数量呢', user)).item?.id).toBe('report-2020-proactive');
    expect((await engine().ask('依申请公开一般多少个工作日答复', 'yf2')).item?.id).toBe('disclosure-deadline');
    expect((await engine().ask('在哪能找到公安局的信息公开年报', 'yf3')).item?.id).toBe('disclosure-annual-report');
    // Where the 2020 report itself is read, though the year is named (dev AQ, O).
    expect((await engine().ask('去哪看你们2020年的政府信息公开工作年报', 'yf4')).item?.id).toBe('disclosure-annual-report');
  });
});
