import { describe, expect, test } from '@jest/globals';
import { maskPersonalData } from '../../src/text/mask.js';

describe('maskPersonalData', () => {
  test.each([
    ['我的身份证号是410302199001011234', '410302199001011234'],
    ['号码41030219900101123X补办', '41030219900101123X'],
    ['身份证 4103 0219 9001 0112 34', '4103 0219 9001 0112 34'],
    ['旧证号410302900101123', '410302900101123'],
    ['电话13812345678', '13812345678'],
    ['手机+86 138-1234-5678', '138-1234-5678'],
    ['卡号6222 0212 3456 7890 123', '6222 0212 3456 7890 123'],
    ['卡号6217000010001234567', '6217000010001234567'],
  ])('%s hides %s', (text, secret) => {
    const masked = maskPersonalData(text);
    expect(masked).not.toContain(secret);
    expect(masked.replace(/\s|-/g, '')).not.toContain(secret.replace(/\s|-/g, ''));
    expect(masked).toMatch(/\[(身份证号|手机号|银行卡号)\]/);
  });

  test('ordinary numbers stay (the text is only brought to NFKC: full-width punctuation to plain)', () => {
    expect(maskPersonalData('工本费40元，60日内发放，拨打110或12345')).toBe('工本费40元,60日内发放,拨打110或12345');
    expect(maskPersonalData('2020年主动公开660条')).toBe('2020年主动公开660条');
  });
});
