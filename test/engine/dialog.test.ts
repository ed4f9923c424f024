import { afterAll, describe, expect, test } from '@jest/globals';
import { DEFAULT_DIALOG } from '../../src/dialog/dialog.js';
import { cleanTemps, testEngine } from '../helpers.js';
import { fixtureKnowledge, householdItem } from './fixture.js';

afterAll(cleanTemps);

describe('dialog mechanisms (fixture knowledge)', () => {
  const kb = fixtureKnowledge({
    a: householdItem('permit-apply', '甲证申领', ['甲证', '办甲证'], ['甲证', '申领']),
    b: householdItem('permit-renew', '甲证换领', ['甲证', '换甲证'], ['甲证', '换领']),
    c: householdItem('other-thing', '乙证申领', ['乙证', '办乙证'], ['乙证']),
  });

  test('two equally good items: clarify with numbered options; "1" / "2" picks', async () => {
    // How close two items must be is a tuned threshold, and a matcher trained on a few
    // aliases beside the shipped intents splits "甲证" between them only roughly evenly:
    // the mechanism is tested at a margin wide enough for that.
    const t = testEngine({ knowledgeDir: kb, params: { ...DEFAULT_DIALOG, decision: { ...DEFAULT_DIALOG.decision, margin: 0.2 } } });
    const clarify = await t.ask('甲证', 'picker');
    expect(clarify.kind).toBe('clarify');
    expect(clarify.options.map((o) => o.id).sort()).toEqual(['permit-apply', 'permit-renew']);
    expect(clarify.text).toContain('1.');
    const chosen = clarify.options.find((o) => o.n === 2)!;
    const picked = await t.ask('2', 'picker');
    expect(picked).toMatchObject({ kind: 'answer', item: { id: chosen.id } });
    t.close();
  });

  test('an answer offers its sections; a number picks one; a field word follows up on the topic', async () => {
    const t = testEngine({ knowledgeDir: kb });
    const answer = await t.ask('办乙证', 'menu');
    expect(answer).toMatchObject({ kind: 'answer', item: { id: 'other-thing' }, field: null });
    const materials = answer.options.find((o) => o.title === '所需材料')!;
    expect(await t.ask(String(materials.n), 'menu')).toMatchObject({ item: { id: 'other-thing' }, field: '所需材料' });
    expect(await t.ask('多少钱', 'menu')).toMatchObject({ item: { id: 'other-thing' }, field: '收费依据及标准' });
    expect((await t.ask('在哪办', 'menu')).text).toContain('乙证申领的受理部门');
    t.close();
  });

  test('a field question with no topic asks which business', async () => {
    const t = testEngine({ knowledgeDir: kb });
    expect(await t.ask('要什么材料', 'fresh')).toMatchObject({ kind: 'clarify', options: [] });
    t.close();
  });

  test('sessions are per user', async () => {
    const t = testEngine({ knowledgeDir: kb });
    await t.ask('办乙证', 'alice');
    expect((await t.ask('要什么材料', 'bob')).kind).toBe('clarify');
    expect((await t.ask('要什么材料', 'alice')).item?.id).toBe('other-thing');
    t.close();
  });
});
