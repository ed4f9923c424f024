/**
 * An index built with helper threads preparing the text is the same index as one built on
 * one thread: the same tokens per item, phrases, term weights and postings. (The helpers
 * start for real, through tsx, as they do under a reload's build worker.)
 */
import { describe, expect, test } from '@jest/globals';
import { synthesise } from '../../bench/scale.js';
import { buildBrain } from '../../src/engine/brain.js';
import { SearchIndex } from '../../src/search/index.js';
import { ItemPreparer, itemText, packItem, unpackItem, type PreparedItem } from '../../src/search/prepare.js';
import { prepareItems } from '../../src/search/prepare-parallel.js';
import { INTENTS_DIR, KNOWLEDGE_DIR } from '../helpers.js';

const { brain } = buildBrain(KNOWLEDGE_DIR, INTENTS_DIR);
if (!brain) throw new Error('the shipped knowledge does not load');
// The real items (traditional characters, long bodies) and synthetic ones from their words.
const items = [...brain.knowledge.items, ...synthesise(brain.knowledge.items, brain.tokenizer, 2_500)];

describe('preparing items on helper threads', () => {
  test('a prepared item crosses threads as one string and comes back the same, empty lists included', () => {
    const preparer = new ItemPreparer(brain.tokenizer);
    const real = brain.knowledge.items.map((i) => preparer.prepare(itemText(i)));
    const sparse = preparer.prepare({ title: '犬', aliases: [], keywords: [], bodies: [''] });
    const odd = preparer.prepare({ title: 'sfz 2024', aliases: ['!!', '身份证 ABC'], keywords: ['的'], bodies: ['😭', '办理居住证'] });
    for (const item of [...real, sparse, odd]) expect(unpackItem(packItem(item))).toEqual(item);
    expect(sparse.aliases).toEqual([]);
    expect(odd.phrases.length).toBe(3);
  });

  test('two helpers deliver what one thread prepares, item by item', () => {
    const texts = items.map(itemText);
    const serial: PreparedItem[] = [];
    prepareItems(texts, brain.tokenizer, (i, item) => (serial[i] = item), { helpers: 0 });
    let byHelpers = 0;
    const parallel: PreparedItem[] = [];
    const order: number[] = [];
    prepareItems(texts, brain.tokenizer, (i, item) => (order.push(i), (parallel[i] = item)), { helpers: 2, onDone: (s) => (byHelpers = s.byHelpers) });
    // Handed over in item order, each once.
    expect(order).toEqual(texts.map((_, i) => i));
    // The helpers really took a share (a helper that never starts would leave it all to this thread).
    expect(byHelpers).toBeGreaterThan(0);
    expect(parallel).toHaveLength(serial.length);
    expect(parallel).toEqual(serial);
    // Not vacuous: the items hold tokens, and the real items come first.
    expect(serial[0]?.title.length).toBeGreaterThan(0);
    expect(serial.reduce((n, p) => n + p.body.length, 0)).toBeGreaterThan(10_000);
  });

  test('the index built with helpers is the index built on one thread', () => {
    const one = new SearchIndex(items, brain.tokenizer, { helpers: 0 }).toParts();
    const more = new SearchIndex(items, brain.tokenizer, { helpers: 1 }).toParts();
    expect(more.ids).toEqual(one.ids);
    expect(more.idfs).toEqual(one.idfs);
    expect(more.postings).toEqual(one.postings);
    expect(more.topics).toEqual(one.topics);
    expect(more.subjects).toEqual(one.subjects);
    for (const id of one.ids) {
      const [a, b] = [one.entries.get(id), more.entries.get(id)];
      expect({ strong: b?.strong, body: b?.body, phrases: b?.phrases }).toEqual({ strong: a?.strong, body: a?.body, phrases: a?.phrases });
    }
  });
});
