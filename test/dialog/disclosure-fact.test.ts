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
  ])('%s → %s', async (text, item) => {
    expect((await engine().ask(text, `df-${text.length}`)).item?.id).toBe(item);
  });
});
