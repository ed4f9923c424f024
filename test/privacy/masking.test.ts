/**
 * The masker alone (finding 1 of issue 13): the committed messages with names, addresses
 * and numbers, numbers however they are written, and ordinary questions left alone.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { maskPersonalData } from '../../src/text/mask.js';
import { leaks, personalMessages, TEMPLATES, writtenNumber } from './messages.js';

const messages = personalMessages();
const PLACEHOLDER = /\[(身份证号|手机号|电话号码|银行卡号|长数字|邮箱|QQ号|微信号|车牌号|证件号|姓名|地址)\]/;

describe('the committed messages with personal data', () => {
  test('there are at least 50 with names and addresses, in every group', () => {
    const groups = new Map<string, number>();
    for (const { group } of messages) groups.set(group, (groups.get(group) ?? 0) + 1);
    expect((groups.get('names') ?? 0) + (groups.get('addresses') ?? 0)).toBeGreaterThanOrEqual(50);
    expect(groups.get('numbers')).toBeGreaterThanOrEqual(20);
  });

  test.each(messages.map(({ group, message }) => [group, message.text, message] as const))('%s: %s', (_group, _text, message) => {
    const masked = maskPersonalData(message.text);
    for (const secret of message.secrets) expect({ masked, leaked: leaks(masked, secret) }).toEqual({ masked, leaked: false });
    for (const kept of message.keep ?? []) expect(masked).toContain(kept);
    expect(masked).toMatch(PLACEHOLDER);
  });
});

describe('numbers however they are written', () => {
  test.each([
    ['身份证 4103.0219.9001.0112.34', '[身份证号]'],
    ['身份证4103/0219/9001/0112/34', '[身份证号]'],
    ['身份证4103_0219_9001_0112_34', '[身份证号]'],
    ['身份证4103，0219，9001，0112，34', '[身份证号]'],
    ['身份证4103  0219  9001  0112  34', '[身份证号]'],
    ['身份证1101\u200b0519491231002X', '[身份证号]'],
    ['号码41030219900101123X补办', '[身份证号]'],
    ['身份证 4103 0219 9001 0112 34', '[身份证号]'],
    ['旧证号410302900101123', '[身份证号]'],
    ['电话一三八一二三四五六七八', '[手机号]'],
    ['电话幺三八 幺二三四 五六七八', '[手机号]'],
    ['电话１３８１２３４５６７８', '[手机号]'],
    ['手机+86 138-1234-5678', '[手机号]'],
    ['电话\u202e87654321831\u202c', '[长数字]'],
    ['座机0371-6512 3456', '[电话号码]'],
    ['卡号6222.0212.3456.7890.123', '[银行卡号]'],
    ['卡号6217000010001234567', '[银行卡号]'],
    ['邮箱 li.na@example.cn', '[邮箱]'],
    ['QQ 123456', '[QQ号]'],
    ['车牌豫A12345', '[车牌号]'],
    ['护照E12345678', '[证件号]'],
    ['香港身份证A123456(7)', '[证件号]'],
    ['微信号wxid_abcd1234', '[微信号]'],
  ])('%s → %s', (text, placeholder) => {
    const masked = maskPersonalData(text);
    expect(masked).toContain(placeholder);
    expect(masked).not.toMatch(/[0-9]{4}|[一二三四五六七八九幺]{4}/);
  });

  test('any separators, invisible characters, full-width digits or Chinese numerals: no digit is left', () => {
    fc.assert(
      fc.property(writtenNumber, fc.constantFrom(...TEMPLATES), ({ written }, template) => {
        const masked = maskPersonalData(template.replace('{}', written));
        expect(masked).not.toMatch(/[0-9xX零一二三四五六七八九]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('what is not personal stays', () => {
  test.each([
    '工本费40元，60日内发放，拨打110或12345',
    '2020年主动公开660条',
    '工作日8:30-12:00 14:30-17:30办公吗',
    '申请公开2020.1.1-2020.12.31期间的数据',
    '第1、2、3、4、5、6、7、8、9、10条是什么意思',
    '我是外地人，能在这里办身份证吗',
    '姓名写错了怎么改',
    '户主变更需要什么',
    '申请人需要带什么材料',
    '派出所地址在哪里',
    '住在哪个派出所办',
    '我家在农村，户口怎么迁',
    '我住院了，身份证过期怎么办',
    '现住址和户籍地不一致',
    '政务服务中心3号楼2楼',
    '孩子叫什么名字好',
    '他叫我来问户口的事',
    '我是高中生，要办身份证',
    '3号窗口在几楼',
    '俺孙子叫狗咬了 打疫苗的钱谁出',
    '儿子叫关进去了 想给他存点钱',
  ])('%s', (text) => {
    expect(maskPersonalData(text)).toBe(text.normalize('NFKC')); // only brought to NFKC, nothing hidden
  });
});
