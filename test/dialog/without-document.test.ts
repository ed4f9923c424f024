/**
 * Whether one may do a business without a document (src/dialog/without-document.ts): the
 * answer holds the conditions and the materials, names the second in `alsoFields`, and the
 * eval's judge counts it right for either section.
 */
import { describe, expect, test } from '@jest/globals';
import { fileTestEngine } from '../helpers.js';
import { asksWithoutDocument, documentCompanion } from '../../src/dialog/without-document.js';
import { judge } from '../../eval/judge.js';

const engine = fileTestEngine();

describe('whether one may do it without a document', () => {
  test.each(['没有户口本能办吗', '户口本在他手里 他不给 没有户口本中不中', '报到证丢了还能迁户口吗', '没有租房合同行不行', '通知书还没收到咋办'])('%s asks it', (text) => {
    expect(asksWithoutDocument(text)).toBe(true);
  });

  test.each(['身份证丢了怎么补', '要带户口本吗', '补办要多久'])('%s does not', (text) => {
    expect(asksWithoutDocument(text)).toBe(false);
  });

  test('the companion of the conditions is the materials and back; other sections have none', () => {
    const has = () => true;
    expect(documentCompanion('办理条件', has)).toBe('所需材料');
    expect(documentCompanion('所需材料', has)).toBe('办理条件');
    expect(documentCompanion('受理部门', has)).toBeNull();
    expect(documentCompanion('办理条件', (name) => name !== '所需材料')).toBeNull();
  });

  test('the answer holds both sections, names the second, and is right for either', async () => {
    const reply = await engine().ask('想给娃头一回办身份证 没户口本能办吗', 'wd1');
    expect(reply.item?.id).toBe('idcard-first');
    expect([reply.field, ...(reply.alsoFields ?? [])].sort()).toEqual(['办理条件', '所需材料']);
    expect(reply.text).toContain('· 办理条件】');
    expect(reply.text).toContain('· 所需材料】');
    for (const field of ['办理条件', '所需材料']) {
      expect(judge({ q: 'x', expect: 'idcard-first', field }, reply, '', 0).fieldCorrect).toBe(true);
    }
    expect(judge({ q: 'x', expect: 'idcard-first', field: '受理部门' }, reply, '', 0).fieldCorrect).toBe(false);
  });
});
