/**
 * The learned matcher's training time on the shipped knowledge, apart from the index: the
 * training set made once, then trained with no cache, then loaded from a fresh cache.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBrain } from '../src/engine/brain.js';
import { trainingSet } from '../src/search/matcher/dataset.js';
import { Featurizer } from '../src/search/matcher/features.js';
import { buildMatcher } from '../src/search/matcher/matcher.js';

export function matcherTraining(root: string): { examples: number; classes: number; trainMs: number; cachedMs: number; matters: number; matterExamples: number; withMattersMs: number } {
  const { brain } = buildBrain(join(root, 'knowledge'), join(root, 'intents'));
  if (!brain) throw new Error('knowledge does not load');
  const data = trainingSet(brain.knowledge, brain.intents);
  const featurizer = new Featurizer(brain.tokenizer, new Map(brain.knowledge.lexicon.synonyms.map((s) => [s.from, s.to])));
  const cache = mkdtempSync(join(tmpdir(), 'wz-matcher-'));
  const trained = buildMatcher(data, featurizer, undefined, cache);
  const cached = buildMatcher(data, featurizer, undefined, cache);
  // The matter classifier for demand grouping (knowledge/demand-matters/), trained beside them.
  const matters = brain.knowledge.lexicon.demandMatters.flatMap((m) => [m.label, ...m.phrasings].map((text) => ({ text, matter: m.id })));
  const withMatters = buildMatcher(data, featurizer, undefined, mkdtempSync(join(tmpdir(), 'wz-matcher-')), matters);
  return {
    examples: data.length,
    classes: trained.items.labels.length,
    trainMs: trained.buildMs,
    cachedMs: cached.buildMs,
    matters: brain.knowledge.lexicon.demandMatters.length,
    matterExamples: matters.length,
    withMattersMs: withMatters.buildMs,
  };
}
