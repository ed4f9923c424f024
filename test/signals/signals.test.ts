/**
 * Demand signals end to end through a real engine and SQLite: grouping by meaning,
 * labels, masking in everything stored, verdicts on answers (typed and by ref), the 答非所问
 * signal and items' helpful rates.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DEFAULT_WEIGHTS, demandSpace, similarity } from '../../src/signals/demand.js';
import { DEFAULT_GROUPING } from '../../src/signals/grouper.js';
import { cleanTemps, testEngine, type TestEngine } from '../helpers.js';

let t: TestEngine;
beforeAll(() => {
  t = testEngine();
  t.engine.prepareSignals();
});
afterAll(async () => {
  await t.close();
  cleanTemps();
});

async function signals(kind?: 'unmet' | 'unhelpful') {
  await t.log.flush();
  return t.reports.signals({ limit: 1000, kind });
}

describe('grouping by meaning', () => {
  test('phrasings of one demand are one signal, labelled by a phrasing; another demand is another signal', async () => {
    const noCrime = ['无犯罪证明怎么开', '公司让我出个无犯罪记录证明 去哪开', '请问开无犯罪记录证明要带什么'];
    const passport = ['护照怎么办理', '第一回办护照 要准备啥'];
    for (const q of [...noCrime, ...passport]) expect((await t.ask(q, 'grouping')).kind).toBe('fallback');
    const all = await signals('unmet');
    const a = all.find((s) => s.examples.includes(noCrime[0] as string));
    const b = all.find((s) => s.examples.includes(passport[0] as string));
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a?.id).not.toBe(b?.id);
    expect(a?.examples.sort()).toEqual([...noCrime].sort());
    expect(a?.count).toBe(3);
    expect(b?.examples.sort()).toEqual([...passport].sort());
    // The label is one of the phrasings citizens used, not a bag of tokens.
    expect(noCrime).toContain(a?.label);
    expect(passport).toContain(b?.label);
  });

  test('two phrasings of one matter that share no telling word join through the matter classifier', async () => {
    const backPay = ['社保断了咋补交', '辞职那几个月没交养老保险 能补上不'];
    // Without the classifier's reading they are strangers; with it, one matter.
    const space = demandSpace(t.engine.brain);
    const alike = (w: typeof DEFAULT_WEIGHTS) => similarity(space.demand(backPay[0] as string, w).vector, space.demand(backPay[1] as string, w).vector);
    expect(alike({ ...DEFAULT_WEIGHTS, classified: 0 })).toBeLessThan(DEFAULT_GROUPING.threshold);
    expect(alike(DEFAULT_WEIGHTS)).toBeGreaterThanOrEqual(DEFAULT_GROUPING.threshold);
    for (const q of backPay) expect((await t.ask(q, 'matter')).kind).toBe('fallback');
    const signal = (await signals('unmet')).find((x) => x.examples.includes(backPay[0] as string));
    expect(signal?.examples.sort()).toEqual([...backPay].sort());
  });

  test('personal data never reaches a signal: examples, labels and keys are masked', async () => {
    await t.ask('我电话13912345678 身份证号410311199001011234 想问驾驶证丢了怎么补', 'masking');
    const s = (await signals('unmet')).find((x) => x.examples.some((e) => e.includes('驾驶证丢了')));
    expect(s).toBeDefined();
    const stored = JSON.stringify(s);
    expect(stored).not.toMatch(/13912345678|410311199001011234/);
    expect(stored).toContain('[手机号]');
  });
});

describe('"this didn\'t help"', () => {
  test('"没用" right after an answer: apology with where to ask a person, a 答非所问 signal with the question and the item', async () => {
    const answer = await t.ask('身份证丢了怎么补办', 'fb-typed');
    expect(answer.kind).toBe('answer');
    expect(answer.ref).toEqual(expect.any(String));
    const verdict = await t.ask('没用', 'fb-typed');
    expect(verdict.kind).toBe('redirect');
    expect(verdict.text).toContain('抱歉');
    expect(verdict.text).toContain('12345');
    const unhelpful = (await signals('unhelpful')).find((s) => s.itemId === answer.item?.id);
    expect(unhelpful?.examples).toContain('身份证丢了怎么补办');
    expect(unhelpful?.kind).toBe('unhelpful');
    // The verdict is not a new question: no unmet signal says "没用".
    expect((await signals('unmet')).some((s) => s.examples.includes('没用'))).toBe(false);
    const rates = await t.reports.itemFeedback(new Date(0));
    expect(rates.find((r) => r.itemId === answer.item?.id)).toMatchObject({ unhelpful: 1, worst: [{ question: '身份证丢了怎么补办', count: 1 }] });
  });

  test('not after a clarify, and not when the message names another business', async () => {
    expect((await t.ask('要什么材料', 'fb-clarify')).kind).toBe('clarify');
    expect((await t.ask('不对', 'fb-clarify')).kind).not.toBe('redirect');

    expect((await t.ask('身份证到期了怎么换', 'fb-other')).kind).toBe('answer');
    const other = await t.ask('不对 我问的是居住证怎么办', 'fb-other');
    expect(other.kind).toBe('answer');
    expect(other.item?.id).toMatch(/^residence-/);
  });

  test('"有用" after an answer counts as helpful; a verdict by ref is taken once', async () => {
    const answer = await t.ask('居住证怎么办理', 'fb-ref');
    expect((await t.ask('有用', 'fb-ref')).kind).toBe('chat');
    const second = await t.ask('居住证要什么材料', 'fb-ref');
    expect(await t.engine.feedback({ user: 'fb-ref', channel: 'test', ref: second.ref as string, helpful: false })).toBe(true);
    expect(await t.engine.feedback({ user: 'fb-ref', channel: 'test', ref: second.ref as string, helpful: true })).toBe(false);
    // Another user cannot rate this user's answer, nor can anyone rate an unknown one.
    expect(await t.engine.feedback({ user: 'someone-else', channel: 'test', ref: answer.ref as string, helpful: false })).toBe(false);
    expect(await t.engine.feedback({ user: 'fb-ref', channel: 'test', ref: 'no-such-ref', helpful: false })).toBe(false);
    await t.log.flush();
    const rates = await t.reports.itemFeedback(new Date(0));
    const helpful = rates.filter((r) => r.helpful > 0).map((r) => r.itemId);
    expect(helpful).toContain(answer.item?.id);
    expect(rates.find((r) => r.itemId === second.item?.id)?.unhelpful).toBeGreaterThanOrEqual(1);
  });

  test('a verdict on an answer to a message with personal data stores it masked', async () => {
    await t.ask('我叫张三 电话13800001111 身份证丢了怎么办', 'fb-mask');
    await t.ask('答非所问', 'fb-mask');
    await t.log.flush();
    const stored = JSON.stringify([await t.reports.itemFeedback(new Date(0)), await signals('unhelpful')]);
    expect(stored).not.toContain('13800001111');
    expect(stored).toContain('[手机号]');
  });
});

describe('stored signals read ahead, in slices', () => {
  test('after prepare, loading the signals again (an admin correction) and the next signal read no stored example anew; groups are as without it', async () => {
    const { DemandGrouper } = await import('../../src/signals/grouper.js');
    const { DemandSpace } = await import('../../src/signals/demand.js');
    const stored = [
      { key: 'a', kind: 'unmet' as const, itemId: null, examples: ['无犯罪证明怎么开', '开无犯罪记录证明去哪'] },
      { key: 'b', kind: 'unmet' as const, itemId: null, examples: ['护照怎么办理', '第一回办护照要准备啥'] },
      { key: 'c', kind: 'unmet' as const, itemId: null, examples: ['养狗要登记吗'] },
    ];
    const brain = t.engine.brain;
    const read: string[] = [];
    const original = DemandSpace.prototype.demand;
    DemandSpace.prototype.demand = function (this: InstanceType<typeof DemandSpace>, text: string, ...rest: [] | [typeof DEFAULT_WEIGHTS]) {
      read.push(text);
      return original.call(this, text, ...rest);
    };
    try {
      const plain = new DemandGrouper();
      plain.load(stored);
      const expected = plain.assign(brain, '无犯罪记录证明咋开', { kind: 'unmet', itemId: null });

      const g = new DemandGrouper();
      g.load(stored);
      let slices = 0;
      await g.prepare(brain, async () => void slices++);
      read.length = 0;
      g.load(g.signals()); // as after an admin's correction
      const got = g.assign(brain, '无犯罪记录证明咋开', { kind: 'unmet', itemId: null });
      expect(read).toEqual(['无犯罪记录证明咋开']); // only the new question
      expect(got).toEqual(expected);
      expect(got.key).toBe('a');
    } finally {
      DemandSpace.prototype.demand = original;
    }
  });
});
