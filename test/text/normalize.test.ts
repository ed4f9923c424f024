import { describe, expect, test } from '@jest/globals';
import { normalize } from '../../src/text/normalize.js';

describe('normalize', () => {
  test('traditional characters become simplified', () => {
    expect(normalize('身份證遺失怎麼補辦').text).toBe('身份证遗失怎么补办');
    expect(normalize('戶口簿').text).toBe('户口簿');
    // Hong Kong and Taiwan forms, and the simplified pass run once: chained converters made 麼 幺.
    expect(normalize('在麼 有人在線嗎').text).toBe('在么 有人在线吗');
    expect(normalize('孩子出生就是唇顎裂').text).toBe('孩子出生就是唇腭裂');
    expect(normalize('裏面 裡面 著').text).toBe('里面 里面 着');
  });

  test('full-width letters, digits and punctuation become half-width, Latin lower-cased', () => {
    expect(normalize('ＳＦＺ１２３').text).toBe('sfz123');
    expect(normalize('居住证？').text).toBe('居住证?');
  });

  test('emoji and control characters are stripped, spaces collapsed', () => {
    expect(normalize('身份证😭丢了👍🏻').text).toBe('身份证 丢了');
    expect(normalize('居住\u0000证\u200b\u202e办理\t\n').text).toBe('居住证办理');
    expect(normalize('👨‍👩‍👧').text).toBe('');
  });

  test('a weapon sent as an emoji is read as its name (the danger cues see it); other emoji go', () => {
    expect(normalize('🔪🔪 他在门外 😭').text).toBe('菜刀 菜刀 他在门外');
    expect(normalize('他有🔫').text).toBe('他有 手枪');
    expect(normalize('火了🔥').text).toBe('火了');
  });

  test('a character no one means is read as the one it looks like (户囗 → 户口)', () => {
    expect(normalize('上户囗要带啥').text).toBe('上户口要带啥');
  });

  test('length is capped and the cut is reported', () => {
    const long = '啊'.repeat(10_000);
    const r = normalize(long, 500);
    expect(Array.from(r.text)).toHaveLength(500);
    expect(r.truncated).toBe(true);
    expect(normalize('短消息', 500).truncated).toBe(false);
    // Astral characters count once each, at the cap and around it.
    expect(normalize('𠀀'.repeat(500), 500)).toEqual({ text: '𠀀'.repeat(500), truncated: false });
    expect(normalize('𠀀'.repeat(501), 500)).toEqual({ text: '𠀀'.repeat(500), truncated: true });
  });

  test('a megabyte input stays cheap', () => {
    const started = performance.now();
    normalize('身份证'.repeat(400_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
