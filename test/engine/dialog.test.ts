import { afterAll, describe, expect, test } from '@jest/globals';
import { SessionStore } from '../../src/dialog/session.js';
import { cleanTemps, testEngine } from '../helpers.js';
import { fixtureKnowledge, householdItem } from './fixture.js';

afterAll(cleanTemps);

describe('dialog mechanisms (fixture knowledge)', () => {
  const kb = fixtureKnowledge({
    a: householdItem('permit-apply', '甲证申领', ['甲证', '办甲证'], ['甲证', '申领']),
    b: householdItem('permit-renew', '甲证换领', ['甲证', '换甲证'], ['甲证', '换领']),
    c: householdItem('other-thing', '乙证申领', ['乙证', '办乙证'], ['乙证']),
  });

  test('two equally good items: clarify with numbered options; "1" / "2" picks', () => {
    const t = testEngine({ knowledgeDir: kb });
    const clarify = t.ask('甲证', 'picker');
    expect(clarify.kind).toBe('clarify');
    expect(clarify.options.map((o) => o.id).sort()).toEqual(['permit-apply', 'permit-renew']);
    expect(clarify.text).toContain('1.');
    const chosen = clarify.options.find((o) => o.n === 2)!;
    const picked = t.ask('2', 'picker');
    expect(picked).toMatchObject({ kind: 'answer', item: { id: chosen.id } });
    t.close();
  });

  test('an answer offers its sections; a number picks one; a field word follows up on the topic', () => {
    const t = testEngine({ knowledgeDir: kb });
    const answer = t.ask('办乙证', 'menu');
    expect(answer).toMatchObject({ kind: 'answer', item: { id: 'other-thing' }, field: null });
    const materials = answer.options.find((o) => o.title === '所需材料')!;
    expect(t.ask(String(materials.n), 'menu')).toMatchObject({ item: { id: 'other-thing' }, field: '所需材料' });
    expect(t.ask('多少钱', 'menu')).toMatchObject({ item: { id: 'other-thing' }, field: '收费依据及标准' });
    expect(t.ask('在哪办', 'menu').text).toContain('乙证申领的受理部门');
    t.close();
  });

  test('a field question with no topic asks which business', () => {
    const t = testEngine({ knowledgeDir: kb });
    expect(t.ask('要什么材料', 'fresh')).toMatchObject({ kind: 'clarify', options: [] });
    t.close();
  });

  test('sessions are per user', () => {
    const t = testEngine({ knowledgeDir: kb });
    t.ask('办乙证', 'alice');
    expect(t.ask('要什么材料', 'bob').kind).toBe('clarify');
    expect(t.ask('要什么材料', 'alice').item?.id).toBe('other-thing');
    t.close();
  });

  test('sessions expire after idle minutes and are bounded', () => {
    let now = 0;
    const store = new SessionStore({ idleMinutes: 30, maxSessions: 2, now: () => now });
    store.get('a').topic = 'x';
    now += 29 * 60_000;
    expect(store.get('a').topic).toBe('x');
    now += 31 * 60_000;
    expect(store.get('a').topic).toBeNull();
    store.get('b');
    store.get('c');
    expect(store.size).toBe(2);
    now += 31 * 60_000;
    store.sweep();
    expect(store.size).toBe(0);
  });
});
