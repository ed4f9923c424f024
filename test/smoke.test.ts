import { describe, expect, test } from '@jest/globals';
import nodejieba from 'nodejieba';
import Database from 'better-sqlite3';
import lunr from 'lunr';
import * as OpenCC from 'opencc-js';

describe('smoke', () => {
  test('native addons load', () => {
    expect(nodejieba.cut('居民身份证遗失补领').length).toBeGreaterThan(0);
    const db = new Database(':memory:');
    expect(db.prepare('select 1 as x').get()).toEqual({ x: 1 });
    const conv = OpenCC.Converter({ from: 'hk', to: 'cn' });
    expect(conv('身份證遺失')).toBe('身份证遗失');
    expect(typeof lunr).toBe('function');
  });
});
