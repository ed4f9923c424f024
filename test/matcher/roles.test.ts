/**
 * The who-and-when features the matcher cannot read from a bag of words: who moves, to whom,
 * and how old a child is. Each case is a pair of neighbouring items these features tell apart.
 */
import { describe, expect, test } from '@jest/globals';
import { childAge, roleFeatures } from '../../src/search/matcher/roles.js';

describe('role features', () => {
  test('the mover is the last person before the verb, the destination the first after it', () => {
    expect(roleFeatures('想把我爸妈的户口迁到我这')).toEqual(expect.arrayContaining(['r:mover=parent', 'r:dest=self', 'r:parent>self']));
    expect(roleFeatures('把孩子的户口迁到我这')).toEqual(expect.arrayContaining(['r:child>self']));
  });

  test('俺儿 is a child, not the speaker (a parent moving to a son)', () => {
    expect(roleFeatures('俺想把户口迁到俺儿那 他在洛阳买了房')).toContain('r:dest=child');
    expect(roleFeatures('俺想把户口迁到俺儿那 他在洛阳买了房')).not.toContain('r:dest=self');
  });

  test('a person named after the clause ends is not the destination', () => {
    expect(roleFeatures('想把户口迁到深圳 我在那边上班').filter((f) => f.startsWith('r:dest'))).toEqual([]);
  });

  test('a child two months old is a late registration, one just a month old a newborn', () => {
    expect(roleFeatures('宝宝出生俩月了还没上户口')).toContain('a:late');
    expect(roleFeatures('孩子仨月了')).toContain('a:late');
    expect(roleFeatures('孩子刚满月')).toContain('a:newborn');
    expect(roleFeatures('孩子刚满月')).not.toContain('a:late');
    // Past the first month (过了满月, 出了满月) is late; a month old (满月了) still a newborn.
    expect(roleFeatures('娃过了满月还没报户口')).toEqual(expect.arrayContaining(['a:late']));
    expect(roleFeatures('娃过了满月还没报户口')).not.toContain('a:newborn');
    expect(roleFeatures('孙女出了满月')).toContain('a:late');
    expect(roleFeatures('外孙满月了 户口还没上')).toContain('a:newborn');
  });

  test('the age a message tells: a month and a half is late for the dialog, though no feature says so', () => {
    expect(childAge('孩子已经一个半月了')).toBe('late');
    expect(roleFeatures('孩子已经一个半月了')).not.toContain('a:late');
    expect(childAge('刚满月')).toBe('newborn');
    expect(childAge('满月了 可老大都三岁了')).toBe('late');
    expect(childAge('户口咋上')).toBeNull();
  });
});
