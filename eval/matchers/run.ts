/**
 * `npm run eval:matcher`: choose the learned matcher by measurement.
 *
 * Every candidate is trained and tested on the same five folds of the citizens' phrasings
 * (aliases and titles always stay in training; each phrasing is tested once, by a model
 * that never saw it) and then, trained on everything, on the dev set's single questions.
 * Never on a blind set. Writes eval/matchers.json (read into eval/REPORT.md) and prints
 * the table, plus the calibration temperature fitted on the held-out folds.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildBrain } from '../../src/engine/brain.js';
import { LABELS, isItemLabel, trainingSet, type Labelled } from '../../src/search/matcher/dataset.js';
import { Featurizer } from '../../src/search/matcher/features.js';
import { DEFAULT_MATCHER } from '../../src/search/matcher/matcher.js';
import { softmax } from '../../src/search/matcher/model.js';
import { seeded, shuffle } from '../../src/search/matcher/random.js';
import { Vocabulary } from '../../src/search/matcher/vocabulary.js';
import { normalize } from '../../src/text/normalize.js';
import { loadQuestions } from '../questions.js';
import { linear, naiveBayes, nearest, type Candidate, type Row } from './candidates.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDS = 5;

const { brain } = buildBrain(join(ROOT, 'knowledge'), join(ROOT, 'intents'));
if (!brain) throw new Error('knowledge does not load');
const synonyms = new Map(brain.knowledge.lexicon.synonyms.map((s) => [s.from, s.to]));
// Every feature any candidate may use; each candidate filters the kinds it sees.
const featurizer = new Featurizer(brain.tokenizer, synonyms, { ...brain.matcher.featurizer.options, maxGram: 4, wordPairs: true, roles: true });
const data = trainingSet(brain.knowledge, brain.intents);
const features = data.map((d) => featurizer.strings(d.text));

const isChar4 = (f: string) => f.startsWith('c:') && Array.from(f).length > 5;
// Roles and places: the facts a bag of n-grams cannot see (features.ts).
const isRole = (f: string) => f.startsWith('r:') || f.startsWith('a:') || f.startsWith('p:');
const all = (f: string) => !isChar4(f) && !f.startsWith('b:');
const chars = (f: string) => f.startsWith('c:') && !isChar4(f);
const words = (f: string) => f.startsWith('w:') || f.startsWith('s:');
const withPairs = (f: string) => !isChar4(f);
const noRoles = (f: string) => all(f) && !isRole(f);
const withChar4 = (f: string) => !f.startsWith('b:');
const T = DEFAULT_MATCHER.train;
export const CANDIDATES: Candidate[] = [
  linear('linear · chars 1–3 + words + synonyms + roles and places (who moves to whom, child age, born in China or abroad), seen ≥ 2 times (chosen)', all, T, 2),
  linear('linear · same without roles and places (chosen until 2026-11-26)', noRoles, T, 2),
  linear('linear · same, every feature (seen once too)', all, T, 1),
  linear('linear · chosen + word pairs', withPairs, T, 2),
  linear('linear · chosen + char 4-grams', withChar4, T, 2),
  linear('linear · all features seen at least 3 times', all, T, 3),
  linear('linear · chars 1–3 only', chars, T),
  linear('linear · words + synonyms only', words, T),
  linear('linear · chosen, 10 epochs', all, { ...T, epochs: 10 }, 2),
  linear('linear · chosen, no class balance', all, { ...T, balance: 0 }, 2),
  naiveBayes('naive Bayes · all features', all),
  nearest('nearest phrasing (cosine) · all features', all),
];

/** The dev set's expectations in the matcher's labels (single questions only). */
function devCases(): { text: string; label: string }[] {
  const cases = loadQuestions(join(ROOT, 'test/questions/dev.yaml')).filter((c) => !c.multiTurn);
  const map = (e: string) => (e === 'fallback' ? LABELS.outOfScope : e === 'emergency' ? LABELS.emergency : e === 'redirect' ? '@redirect' : e === 'chat' ? '@chat' : e);
  return cases.map((c) => ({ text: normalize(c.turns[0]!.q).text, label: map(c.turns[0]!.expect) }));
}

function sameKind(got: string, want: string): boolean {
  if (got === want) return true;
  if (want === '@chat') return got.startsWith('@chat:');
  if (want === '@redirect') return got === LABELS.handoff || got === LABELS.complaint;
  return false;
}

interface Outcome {
  name: string;
  cvAccuracy: number;
  cvItems: number;
  cvOutOfScopeRecall: number;
  cvOutOfScopePrecision: number;
  cvEmergencyRecall: number;
  dev: number;
  trainMs: number;
  features: number;
}

function rowsFor(c: Candidate, indices: number[], vocab: Vocabulary): Row[] {
  return indices.map((i) => ({ label: (data[i] as Labelled).label, ids: vocab.ids((features[i] as string[]).filter(c.features)) }));
}

function evaluate(c: Candidate): { outcome: Outcome; oof: { logits: Float64Array; truth: number; labels: readonly string[] }[] } {
  const random = seeded(7);
  const phrasings = shuffle(data.map((d, i) => (d.source === 'phrasing' ? i : -1)).filter((i) => i >= 0), random);
  const fold = new Map(phrasings.map((i, n) => [i, n % FOLDS]));
  let right = 0, n = 0, itemRight = 0, items = 0, oosTrue = 0, oosSaid = 0, oosBoth = 0, emTrue = 0, emHit = 0;
  const oof: { logits: Float64Array; truth: number; labels: readonly string[] }[] = [];
  let trainMs = 0;
  for (let f = 0; f < FOLDS; f++) {
    const trainIdx = data.map((_, i) => i).filter((i) => fold.get(i) !== f);
    const testIdx = phrasings.filter((i) => fold.get(i) === f);
    const vocab = Vocabulary.build(trainIdx.map((i) => (features[i] as string[]).filter(c.features)), c.minCount ?? 1);
    const started = performance.now();
    const model = c.train(rowsFor(c, trainIdx, vocab), vocab);
    trainMs += performance.now() - started;
    for (const i of testIdx) {
      const d = data[i] as Labelled;
      const logits = model.logits(vocab.ids((features[i] as string[]).filter(c.features)));
      let best = 0;
      for (let k = 1; k < logits.length; k++) if ((logits[k] as number) > (logits[best] as number)) best = k;
      const got = model.labels[best] as string;
      n++;
      if (got === d.label) right++;
      if (isItemLabel(d.label)) {
        items++;
        if (got === d.label) itemRight++;
      }
      if (d.label === LABELS.outOfScope) oosTrue++;
      if (got === LABELS.outOfScope) oosSaid++;
      if (got === LABELS.outOfScope && d.label === LABELS.outOfScope) oosBoth++;
      if (d.label === LABELS.emergency) {
        emTrue++;
        if (got === LABELS.emergency) emHit++;
      }
      const truth = model.labels.indexOf(d.label);
      if (truth >= 0) oof.push({ logits, truth, labels: model.labels });
    }
  }
  // Trained on everything, tested on the dev set.
  const everything = data.map((_, i) => i);
  const vocab = Vocabulary.build(everything.map((i) => (features[i] as string[]).filter(c.features)), c.minCount ?? 1);
  const model = c.train(rowsFor(c, everything, vocab), vocab);
  const dev = devCases();
  const devRight = dev.filter((q) => {
    const logits = model.logits(vocab.ids(featurizer.strings(q.text).filter(c.features)));
    let best = 0;
    for (let k = 1; k < logits.length; k++) if ((logits[k] as number) > (logits[best] as number)) best = k;
    return sameKind(model.labels[best] as string, q.label);
  }).length;
  return {
    outcome: {
      name: c.name,
      cvAccuracy: right / n,
      cvItems: itemRight / Math.max(1, items),
      cvOutOfScopeRecall: oosBoth / Math.max(1, oosTrue),
      cvOutOfScopePrecision: oosBoth / Math.max(1, oosSaid),
      cvEmergencyRecall: emHit / Math.max(1, emTrue),
      dev: devRight / dev.length,
      trainMs: trainMs / FOLDS,
      features: vocab.size,
    },
    oof,
  };
}

/** The temperature that minimises the held-out negative log-likelihood. */
function fitTemperature(oof: { logits: Float64Array; truth: number }[]): { temperature: number; nll: number; ece: number } {
  let best = { temperature: 1, nll: Infinity, ece: 0 };
  for (let t = 0.2; t <= 4.001; t += 0.05) {
    let nll = 0;
    for (const o of oof) nll -= Math.log(Math.max(1e-12, softmax(o.logits, t)[o.truth] as number));
    nll /= oof.length;
    if (nll < best.nll) best = { temperature: Math.round(t * 100) / 100, nll, ece: 0 };
  }
  best.ece = calibrationError(oof, best.temperature);
  return best;
}

/** Expected calibration error of the top class over ten confidence bins. */
function calibrationError(oof: { logits: Float64Array; truth: number }[], t: number): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  for (const o of oof) {
    const p = softmax(o.logits, t);
    let best = 0;
    for (let k = 1; k < p.length; k++) if ((p[k] as number) > (p[best] as number)) best = k;
    const b = bins[Math.min(9, Math.floor((p[best] as number) * 10))]!;
    b.n++;
    b.conf += p[best] as number;
    if (best === o.truth) b.right++;
  }
  return bins.reduce((e, b) => e + (b.n ? (b.n / oof.length) * Math.abs(b.conf / b.n - b.right / b.n) : 0), 0);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const results: Outcome[] = [];
let calibration: ReturnType<typeof fitTemperature> | undefined;
for (const c of CANDIDATES) {
  const { outcome, oof } = evaluate(c);
  results.push(outcome);
  if (c === CANDIDATES[0]) calibration = fitTemperature(oof);
  console.log(`${outcome.name}: cv ${pct(outcome.cvAccuracy)} (items ${pct(outcome.cvItems)}, out-of-scope R ${pct(outcome.cvOutOfScopeRecall)} P ${pct(outcome.cvOutOfScopePrecision)}, emergency R ${pct(outcome.cvEmergencyRecall)}), dev ${pct(outcome.dev)}, train ${outcome.trainMs.toFixed(0)} ms, ${outcome.features} features`);
}
console.log(`calibration of the chosen candidate: temperature ${calibration?.temperature} (held-out NLL ${calibration?.nll.toFixed(3)}, ECE ${pct(calibration?.ece ?? 0)})`);
const counts = { training: data.length, phrasings: data.filter((d) => d.source === 'phrasing').length, labels: new Set(data.map((d) => d.label)).size };
writeFileSync(join(ROOT, 'eval/matchers.json'), `${JSON.stringify({ counts, folds: FOLDS, results, calibration }, null, 2)}\n`);
