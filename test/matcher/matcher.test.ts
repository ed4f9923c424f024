/**
 * The learned matcher: deterministic training, the cache round trip, calibration, and the
 * phrasing files' validation.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIntents } from '../../src/intents/load.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { DEFAULT_FEATURES, Featurizer } from '../../src/search/matcher/features.js';
import { buildMatcher, DEFAULT_MATCHER, STALE_CACHE_MS } from '../../src/search/matcher/matcher.js';
import type { Labelled } from '../../src/search/matcher/dataset.js';
import { topK } from '../../src/search/matcher/model.js';
import { normalize } from '../../src/text/normalize.js';
import { Tokenizer } from '../../src/text/tokenizer.js';
import { cleanTemps, tempDir } from '../helpers.js';
import { fixtureKnowledge, householdItem } from '../engine/fixture.js';

afterAll(cleanTemps);

const data: Labelled[] = [
  ...['甲证怎么办', '办个甲证', '甲证要啥材料', '俺想办甲证', '甲证咋弄哩', '第一次办甲证'].map((text) => ({ text, label: 'a', field: '', source: 'phrasing' as const })),
  ...['乙证丢了', '乙证补办', '乙证掉了咋整', '乙证找不到了', '乙证弄丢了', '补乙证要多久'].map((text) => ({ text, label: 'b', field: '', source: 'phrasing' as const })),
  ...['护照丢了', '驾照补办', '社保卡怎么办', '营业执照咋办', '结婚证补办', '学位证丢了'].map((text) => ({ text, label: '@out_of_scope', field: null, source: 'phrasing' as const })),
];
const featurizer = () => new Featurizer(new Tokenizer(new Set()), new Map([['俺', ['我']]]));

describe('learned matcher', () => {
  test('training is deterministic: the same data gives the same weights', () => {
    const one = buildMatcher(data, featurizer());
    const two = buildMatcher(data, featurizer());
    expect(Buffer.from(one.items.weights.buffer).equals(Buffer.from(two.items.weights.buffer))).toBe(true);
    expect(one.classify('乙证掉了')[0]?.label).toBe('b');
    expect(one.classify('甲证咋办')[0]?.label).toBe('a');
  });

  test('the cache gives back the same model, and a data change trains anew', () => {
    const dir = tempDir('wz-cache-');
    const trained = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir);
    expect(trained.cached).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1);
    const loaded = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir);
    expect(loaded.cached).toBe(true);
    expect(loaded.classify('乙证补办')).toEqual(trained.classify('乙证补办'));
    // The features' rarities (the demand grouping's weights) come back with the weights.
    const rarities = (m: typeof trained) => ['c:乙证', 'c:丢', 'w:补办', 'c:从未见过'].map((f) => m.rarity.of(f));
    expect(rarities(loaded)).toEqual(rarities(trained));
    expect(trained.rarity.of('c:乙证')).toBeLessThan(trained.rarity.of('c:丢'));
    expect(trained.rarity.of('c:从未见过')).toBe(trained.rarity.rarest);
    const changed = buildMatcher([...data, { text: '甲证多少钱', label: 'a', field: '', source: 'phrasing' }], featurizer(), DEFAULT_MATCHER, dir);
    expect(changed.cached).toBe(false);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  test('a cache file cut short, grown or garbled is not trusted: the matcher trains again', () => {
    const dir = tempDir('wz-cache-');
    const trained = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir);
    const file = join(dir, readdirSync(dir)[0] as string);
    const whole = readFileSync(file);
    for (const broken of [whole.subarray(0, whole.length - 4), Buffer.concat([whole, Buffer.from([0, 0, 0, 0])]), Buffer.from('not json\n'), whole.subarray(0, 20)]) {
      writeFileSync(file, broken);
      const again = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir);
      expect(again.cached).toBe(false);
      expect(again.classify('乙证补办')).toEqual(trained.classify('乙证补办'));
    }
    // and the retrained file is whole again
    expect(buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir).cached).toBe(true);
  });

  test('the matter classifier learns matters the bot does not answer, comes back from the cache, and keys it', () => {
    const matters = [
      // The matter classifier keeps features seen in at least 3 of its phrasings.
      ...['开无犯罪证明', '良民证怎么开', '良民证在哪开', '单位要良民证', '政审要的无犯罪证明'].map((text) => ({ text, matter: 'no-criminal-record' })),
      ...['狗证在哪办', '养狗要登记吗', '狗证年审', '泰迪要办狗证不', '家里的狗要登记'].map((text) => ({ text, matter: 'dog-registration' })),
    ];
    const dir = tempDir('wz-cache-');
    expect(buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir).matters).toBeNull();
    const trained = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir, matters);
    expect(trained.cached).toBe(false); // the matters are part of the cache key
    expect(trained.matter('俺家的狗要登记不')[0]?.label).toBe('dog-registration');
    expect(trained.matter('开个良民证')[0]?.label).toBe('no-criminal-record');
    const loaded = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir, matters);
    expect(loaded.cached).toBe(true);
    expect(loaded.matter('狗证')).toEqual(trained.matter('狗证'));
    // An edit to the items retrains them, not the matters (cached apart: a staff edit must
    // not wait for the slow matter classifier).
    const matterFile = () => readdirSync(dir).filter((f) => f.startsWith('matters-'));
    expect(matterFile()).toHaveLength(1);
    // Not rewritten: the same file (a rewrite renames a new one in; a load only touches it).
    const before = statSync(join(dir, matterFile()[0] as string)).ino;
    const edited = buildMatcher([...data, { text: '甲证多少钱', label: 'a', field: '', source: 'phrasing' }], featurizer(), DEFAULT_MATCHER, dir, matters);
    expect(edited.cached).toBe(false);
    expect(matterFile()).toHaveLength(1);
    expect(statSync(join(dir, matterFile()[0] as string)).ino).toBe(before);
    expect(edited.matter('狗证')).toEqual(trained.matter('狗证'));
    // A new phrasing of a matter retrains the matters.
    buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir, [...matters, { text: '狗证丢了', matter: 'dog-registration' }]);
    expect(matterFile()).toHaveLength(2);
    // Without matters there is no reading, and grouping goes on without it.
    expect(buildMatcher(data, featurizer()).matter('狗证')).toEqual([]);
  });

  test('a start from the cache leaves the matter classifier on disk until asked for: read off the serving thread, or at once', async () => {
    const matters = [
      ...['开无犯罪证明', '良民证怎么开', '良民证在哪开', '单位要良民证', '政审要的无犯罪证明'].map((text) => ({ text, matter: 'no-criminal-record' })),
      ...['狗证在哪办', '养狗要登记吗', '狗证年审', '泰迪要办狗证不', '家里的狗要登记'].map((text) => ({ text, matter: 'dog-registration' })),
    ];
    const dir = tempDir('wz-lazy-');
    const trained = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir, matters);
    expect(trained.mattersReady()).toBeNull(); // trained here: nothing on disk to read
    const background = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir, matters);
    const reading = background.mattersReady();
    expect(reading).not.toBeNull();
    await reading;
    expect(background.mattersReady()).toBeNull();
    expect(background.matter('狗证')).toEqual(trained.matter('狗证'));
    expect(Buffer.from(background.matters?.weights.buffer ?? new ArrayBuffer(0)).equals(Buffer.from(trained.matters?.weights.buffer ?? new ArrayBuffer(1)))).toBe(true);
    // Asked for before the background read: read at once, the same.
    expect(buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir, matters).matter('开个良民证')).toEqual(trained.matter('开个良民证'));
    // The file cut short after the start: no classifier (grouping goes on without it), never a
    // wrong one; the file is dropped, so the next build trains the classifier again.
    const late = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir, matters);
    const file = join(dir, readdirSync(dir).find((f) => f.startsWith('matters-')) as string);
    writeFileSync(file, readFileSync(file).subarray(0, statSync(file).size - 4));
    await late.mattersReady();
    expect(late.matters).toBeNull();
    expect(late.matter('狗证')).toEqual([]);
    const next = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir, matters);
    expect(next.mattersReady()).toBeNull(); // trained again at build
    expect(next.matter('狗证')).toEqual(trained.matter('狗证'));
  });

  test('the section read for an item is what the classifier gives the message\'s features and the same joined to the item', () => {
    const rows = (label: string, field: string, texts: string[]) => texts.map((text) => ({ text, label, field, source: 'phrasing' as const }));
    const sections: Labelled[] = [
      ...rows('a', '所需材料', ['甲证要带啥', '办甲证带什么材料', '甲证材料有哪些', '甲证要带身份证吗']),
      ...rows('a', '受理部门', ['甲证在哪办', '甲证去哪里办', '甲证哪个窗口办', '甲证在哪个所办']),
      ...rows('b', '所需材料', ['乙证补办要带啥', '补乙证带什么', '乙证材料有哪些', '乙证要带照片吗']),
      ...rows('b', '办理时限', ['乙证多久能拿', '补乙证要几天', '乙证多长时间', '乙证几天下来']),
    ];
    const m = buildMatcher(sections, featurizer(), { ...DEFAULT_MATCHER, minCount: 1 });
    for (const text of ['甲证要带啥', '乙证在哪办', '多久能拿到', '要带什么', '甲证几天']) {
      for (const item of ['a', 'b', 'unknown']) {
        const strings = m.featurizer.strings(text);
        const joined = [...strings, ...strings.map((f) => `${item}|${f}`)];
        expect(m.field(text, item)).toEqual(m.fields.top(m.fields.vocabulary.ids(joined), 1)[0] ?? { label: '', p: 0 });
      }
    }
    expect(m.field('甲证要带啥', 'a').label).toBe('所需材料');
    expect(m.field('乙证多久能拿', 'b').label).toBe('办理时限');
  });

  test('cache files unused for a week are deleted when a new one is written; one in use is kept', () => {
    const dir = tempDir('wz-cache-');
    buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir);
    const [used] = readdirSync(dir);
    const old = (Date.now() - STALE_CACHE_MS - 3600_000) / 1000;
    const stale = ['matcher-0123456789abcdef01234567.bin', 'matters-0123456789abcdef01234567.bin', 'matcher-0123456789abcdef01234567.bin.4242'];
    for (const name of [...stale, 'notes.txt']) {
      writeFileSync(join(dir, name), 'x');
      utimesSync(join(dir, name), old, old);
    }
    utimesSync(join(dir, used as string), old, old);
    expect(buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir).cached).toBe(true); // loading marks it in use
    buildMatcher([...data, { text: '甲证多少钱', label: 'a', field: '', source: 'phrasing' }], featurizer(), DEFAULT_MATCHER, dir);
    const left = readdirSync(dir);
    expect(left).toContain(used);
    expect(left).toContain('notes.txt'); // not a cache file
    for (const name of stale) expect(left).not.toContain(name);
    expect(left).toHaveLength(3);
  });

  test('a corrupt cache file is ignored, not trusted', () => {
    const dir = tempDir('wz-cache-');
    buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file as string), 'not a model');
    const again = buildMatcher(data, featurizer(), DEFAULT_MATCHER, dir);
    expect(again.cached).toBe(false);
    expect(again.classify('乙证丢了')[0]?.label).toBe('b');
  });

  test('place features: a place in China and a place abroad are told apart, and the lists key the cache', () => {
    const places = { home: ['北京', '洛阳'], abroad: ['美国', '国外'] };
    const f = new Featurizer(new Tokenizer(new Set()), new Map(), { ...DEFAULT_FEATURES, places });
    expect(f.strings('孩子在北京出生').filter((s) => s.startsWith('p:'))).toEqual(['p:home']);
    expect(f.strings('孩子在美国出生').filter((s) => s.startsWith('p:'))).toEqual(['p:abroad']);
    expect(f.strings('孩子出生了').filter((s) => s.startsWith('p:'))).toEqual([]);
    // Being away from one's 户口, in any of its words, is one feature.
    const away = new Featurizer(new Tokenizer(new Set()), new Map(), { ...DEFAULT_FEATURES, places: { ...places, away: ['外省', '回不了老家'] } });
    expect(away.strings('孩子在外省上学 第一次办身份证').filter((s) => s.startsWith('p:'))).toEqual(['p:away']);
    expect(away.strings('身份证到期了 回不了老家').filter((s) => s.startsWith('p:'))).toEqual(['p:away']);
    const dir = tempDir('wz-cache-');
    buildMatcher(data, f, DEFAULT_MATCHER, dir);
    const other = new Featurizer(new Tokenizer(new Set()), new Map(), { ...DEFAULT_FEATURES, places: { ...places, abroad: ['日本'] } });
    expect(buildMatcher(data, other, DEFAULT_MATCHER, dir).cached).toBe(false);
  });

  test('a latin abbreviation among the synonyms also gets the features of its word written out', () => {
    const f = new Featurizer(new Tokenizer(new Set()), new Map([['jzz', ['居住证']], ['hk', ['户口']]]));
    const spelled = f.strings('jzz咋办');
    for (const s of f.strings('居住证咋办')) expect(spelled).toContain(s);
    expect(spelled).toContain('c:jzz');
    // Only as a whole run of letters: "hkd" is not 户口.
    expect(f.strings('hkd汇率').some((s) => s.includes('户口'))).toBe(false);
    expect(f.strings('HK迁出'.toLowerCase())).toContain('c:户口迁');
  });

  test('the temperature calibrates: a lower one is more confident, the order stays', () => {
    const sharp = buildMatcher(data, featurizer(), { ...DEFAULT_MATCHER, temperature: 0.5 });
    const flat = buildMatcher(data, featurizer(), { ...DEFAULT_MATCHER, temperature: 2 });
    const [s] = sharp.classify('乙证补办');
    const [f] = flat.classify('乙证补办');
    expect(s?.label).toBe(f?.label);
    expect(s?.p).toBeGreaterThan(f?.p ?? 1);
  });

  test('a message read again gets the same answer, and a new temperature is not answered from the kept one', () => {
    const m = buildMatcher(data, featurizer(), { ...DEFAULT_MATCHER, temperature: 1 });
    const first = m.classify('乙证补办');
    expect(m.ids('乙证补办')).toBe(m.ids('乙证补办')); // one columns object per message
    expect(m.classify('乙证补办')).toEqual(first);
    m.items.temperature = 0.25;
    expect(m.classify('乙证补办')[0]?.p).toBeGreaterThan(first[0]?.p ?? 1);
  });
});

describe('phrasing files', () => {
  test('an unknown item id and a section the item lacks are errors with the file named', () => {
    const kb = fixtureKnowledge({ a: householdItem('permit-apply', '甲证申领', ['甲证', '办甲证'], ['甲证']) });
    mkdirSync(join(kb, 'phrasings'));
    writeFileSync(join(kb, 'phrasings', 'x.yaml'), 'item: no-such-item\nphrasings:\n  - q: 甲证\n');
    writeFileSync(join(kb, 'phrasings', 'y.yaml'), 'item: permit-apply\nphrasings:\n  - q: 甲证要啥\n    field: 不存在的小节\n');
    const problems = loadKnowledge(kb).problems.filter((p) => p.severity === 'error');
    expect(problems.map((p) => p.file).sort()).toEqual(['phrasings/x.yaml', 'phrasings/y.yaml']);
  });

  test('the shipped phrasings load without errors and cover every item', () => {
    const k = loadKnowledge(join(import.meta.dirname, '../../knowledge'));
    expect(k.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const covered = new Set(k.phrasings.map((f) => f.label));
    for (const item of k.items) expect(covered.has(item.id)).toBe(true);
    for (const f of k.phrasings) expect(f.phrasings.length).toBeGreaterThanOrEqual(40);
  });

  test('a file js-yaml cannot read still gets its error with a line number', () => {
    const kb = fixtureKnowledge({ a: householdItem('permit-apply', '甲证申领', ['甲证', '办甲证'], ['甲证']) });
    mkdirSync(join(kb, 'phrasings'));
    writeFileSync(join(kb, 'phrasings', 'x.yaml'), 'item: permit-apply\nphrasings:\n  - q: 甲证\n  - q: 甲证要啥\n    q: 重复的键\n');
    const [problem] = loadKnowledge(kb).problems.filter((p) => p.severity === 'error');
    expect(problem).toMatchObject({ file: 'phrasings/x.yaml', line: 5 });
  });

  test('phrasings are normalised once, at load: normalising again changes nothing', () => {
    const k = loadKnowledge(join(import.meta.dirname, '../../knowledge'));
    const intents = loadIntents(join(import.meta.dirname, '../../intents'), []);
    const texts = [...k.phrasings, ...(intents?.training ?? [])].flatMap((f) => f.phrasings.map((p) => p.text));
    expect(texts.length).toBeGreaterThan(8000);
    expect(texts.filter((t) => normalize(t).text !== t)).toEqual([]);
  });
});

describe('topK', () => {
  test('gives what a stable sort of every class would, ties in class order', () => {
    const stable = (p: Float64Array, labels: string[], k: number) =>
      Array.from(p.keys()).sort((a, b) => (p[b] as number) - (p[a] as number)).slice(0, k).map((i) => ({ label: labels[i] as string, p: p[i] as number }));
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 40);
      const p = Float64Array.from({ length: n }, () => Math.round(random() * 6) / 6); // many ties
      const labels = Array.from({ length: n }, (_, i) => `c${i}`);
      for (const k of [0, 1, 2, 5, n, n + 3]) expect(topK(p, labels, k)).toEqual(stable(p, labels, k));
    }
  });
});
