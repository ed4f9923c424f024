/**
 * Reloads build the brain in a worker thread and hand it over in chunks: the brain that
 * arrives answers exactly as one built on the serving thread (every dev question, every
 * conversation), the serving thread's jieba learns the new brain's words, a published
 * version's files are built from, and a broken version changes nothing.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { loadQuestions } from '../../eval/questions.js';
import { Engine } from '../../src/engine/engine.js';
import { demandSpace } from '../../src/signals/demand.js';
import { readSnapshot, snapshotHash } from '../../src/knowledge/versions/snapshot.js';
import { SqliteLog } from '../../src/storage/sqlite/log.js';
import { userHasher } from '../../src/storage/user-hash.js';
import type { Reply } from '../../src/contract/reply.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, ROOT, tempDir } from '../helpers.js';
import { fixtureKnowledge, householdItem } from './fixture.js';

afterAll(cleanTemps);

function engine(knowledgeDir = KNOWLEDGE_DIR, reloadIn: 'worker' | 'thread' = 'worker'): Engine {
  const log = SqliteLog.open(':memory:');
  return new Engine({ knowledgeDir, intentsDir: INTENTS_DIR, log, hashUser: userHasher('t'), reloadIn });
}

async function answers(e: Engine, prefix: string): Promise<Omit<Reply, 'ref'>[]> {
  const out: Omit<Reply, 'ref'>[] = [];
  for (const [i, c] of loadQuestions(join(ROOT, 'test/questions/dev.yaml')).entries()) {
    for (const turn of c.turns) {
      // An answer's ref is random (for verdicts on it): everything else must be the same.
      const { ref: _ref, ...reply } = await e.ask({ user: `${prefix}-${i}`, text: turn.q, channel: 'test' });
      out.push(reply);
    }
  }
  return out;
}

describe('reload in a worker thread', () => {
  test('the brain that arrives answers every dev question as a brain built here does', async () => {
    const worker = engine();
    const before = worker.brain;
    const result = await worker.reload();
    expect(result).toMatchObject({ ok: true, builtIn: 'worker', hash: snapshotHash(readSnapshot(KNOWLEDGE_DIR, INTENTS_DIR)) });
    expect(worker.brain).not.toBe(before);
    expect(worker.brain.knowledge.items.length).toBe(before.knowledge.items.length);
    const here = engine(KNOWLEDGE_DIR, 'thread');
    expect(await answers(worker, 'w')).toEqual(await answers(here, 'w'));
    // The demand grouping weighs features by rarities that came with the matcher: making
    // its space featurises no phrasing on the serving thread (that was a 0.4 s pause).
    const { featurizer } = worker.brain.matcher;
    const strings = featurizer.strings.bind(featurizer);
    let calls = 0;
    featurizer.strings = (text: string) => (calls++, strings(text));
    demandSpace({ ...worker.brain }); // a new key: the engine made the served brain's space already
    expect(calls).toBe(0);
    demandSpace({ ...worker.brain }).demand('狗证在哪办');
    expect(calls).toBeGreaterThan(0);
    const unmet = ['无犯罪记录证明怎么开', '开良民证要带啥', '狗证在哪办'];
    const vectors = (e: Engine) => unmet.map((t) => [...demandSpace(e.brain).demand(t).vector]);
    expect(vectors(worker)).toEqual(vectors(here));
    // The matter classifier came across too: its readings are in the vectors.
    expect(vectors(worker).some((v) => v.some(([k]) => k.startsWith('k:')))).toBe(true);
  }, 120_000);

  test('the serving thread learns the words of the brain it now serves', async () => {
    const kb = fixtureKnowledge({ a: householdItem('permit-apply', '甲证申领', ['办甲证', '甲证怎么办'], ['甲证']) });
    const e = engine(kb);
    expect(e.brain.tokenizer.words('壬癸庚辛证怎么办')).not.toContain('壬癸庚辛证');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(kb, 'items', 'b.md'), householdItem('permit-b', '壬癸庚辛证申领', ['办壬癸庚辛证', '壬癸庚辛证怎么办'], ['壬癸庚辛证']));
    expect(await e.reload()).toMatchObject({ ok: true, builtIn: 'worker' });
    expect(e.brain.tokenizer.words('壬癸庚辛证怎么办')).toContain('壬癸庚辛证');
    expect((await e.ask({ user: 'u', text: '壬癸庚辛证怎么办', channel: 'test' })).item?.id).toBe('permit-b');
  }, 60_000);

  test('a published version is written out and built from; a wrong hash or a broken version changes nothing', async () => {
    const kb = fixtureKnowledge({ a: householdItem('permit-apply', '甲证申领', ['办甲证', '甲证怎么办'], ['甲证']) });
    const e = engine(kb);
    const files = readSnapshot(kb, INTENTS_DIR);
    files.set('knowledge/items/c.md', householdItem('permit-c', '子丑证申领', ['办子丑证', '子丑证怎么办'], ['子丑证']));
    const before = e.brain;
    expect(await e.reload({ files, dir: join(tempDir(), 'live'), expectHash: 'not-the-hash' })).toMatchObject({ ok: false });
    expect(e.brain).toBe(before);
    const ok = await e.reload({ files, dir: join(tempDir(), 'live'), expectHash: snapshotHash(files) });
    expect(ok).toMatchObject({ ok: true, hash: snapshotHash(files) });
    expect((await e.ask({ user: 'u', text: '子丑证怎么办', channel: 'test' })).item?.id).toBe('permit-c');
    const broken = new Map(files).set('knowledge/items/d.md', '---\nid: Broken Id\n---\n');
    const after = e.brain;
    expect(await e.reload({ files: broken, dir: join(tempDir(), 'live') })).toMatchObject({ ok: false, builtIn: 'worker' });
    expect(e.brain).toBe(after);
  }, 60_000);
});
