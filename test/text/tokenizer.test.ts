import { describe, expect, test } from '@jest/globals';
import { Tokenizer, addWords } from '../../src/text/tokenizer.js';

describe('Tokenizer', () => {
  const t = new Tokenizer(new Set(['了', '的', '怎么办', '怎么']));

  test('Chinese is cut into words, stopwords dropped', () => {
    expect(t.words('身份证丢了怎么办')).toEqual(['身份证', '丢']);
  });

  test('Latin and digit runs stay whole (jieba would split them letter by letter)', () => {
    expect(t.words('sfz掉了')).toEqual(['sfz', '掉']);
    expect(t.words('sfz123')).toEqual(['sfz', '123']);
  });

  test('punctuation and lunr query syntax are not tokens', () => {
    expect(t.words('身份证:补办~2^3 +-*')).toEqual(['身份证', '补办', '2', '3']);
  });

  test('a long word also yields the words inside it', () => {
    expect(t.parts('居民身份证')).toEqual(expect.arrayContaining(['居民身份证', '身份证']));
  });

  test('user dictionary words stay whole', () => {
    const before = t.words('准迁证明怎么开');
    addWords(['准迁证明']);
    expect(t.words('准迁证明怎么开')).toContain('准迁证明');
    expect(before).not.toContain('准迁证明');
  });
});
