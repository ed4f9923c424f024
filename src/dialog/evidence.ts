/**
 * The evidence for "which item, or none": lunr's re-ranked candidates (what the question
 * shares with each item's title, aliases and keywords) and the learned matcher's
 * probabilities (how citizens who meant each item really wrote), mixed into one score per
 * item; plus the matcher's belief that the message is not ours, or an intent.
 *
 * The mix and every threshold that reads these scores are chosen on data (`npm run
 * eval:tune`, cross-validated on the phrasings and checked on the dev set).
 */
import type { Brain } from '../engine/brain.js';
import type { AnalyzedQuery } from '../search/analyze.js';
import { LABELS, isItemLabel } from '../search/matcher/dataset.js';
import type { Prediction } from '../search/matcher/model.js';
import { rank, type RankParams, type Ranked } from '../search/rank.js';

export interface ItemScore {
  id: string;
  /** The mixed score in [0, 1]. */
  score: number;
  /** The matcher's probability. */
  p: number;
  /** The re-ranked lunr score. */
  r: number;
}

export interface Evidence {
  /** Items, best first (those either side found). */
  items: ItemScore[];
  /** The ranking alone (for the follow-up checks that reason about subjects). */
  ranked: Ranked[];
  /** P(the message is another department's or a service the knowledge does not hold). */
  notOurs: number;
  /** P(an emergency), as the matcher learned it: a second opinion for the overlay. */
  emergency: number;
  /** The most probable intent (small talk, a person, a complaint), if any. */
  intent: Prediction | null;
  /** The section of an item the matcher reads in the message ("" = the whole matter). */
  fieldFor(item: string): Prediction;
}

export function gather(brain: Brain, query: AnalyzedQuery, params: RankParams, mix: number): Evidence {
  const ranked = rank(query, brain.index, params);
  const { matcher } = brain;
  const strings = matcher.featurizer.strings(query.text);
  const ids = matcher.items.vocabulary.ids(strings);
  const probs = matcher.items.probabilities(ids);
  const labels = matcher.items.labels;

  const byId = new Map<string, ItemScore>();
  for (const r of ranked) byId.set(r.id, { id: r.id, score: 0, p: 0, r: r.score });
  let notOurs = 0;
  let emergency = 0;
  let intent: Prediction | null = null;
  labels.forEach((label, k) => {
    const p = probs[k] as number;
    if (isItemLabel(label)) {
      if (p < 0.01 && !byId.has(label)) return;
      const s = byId.get(label) ?? { id: label, score: 0, p: 0, r: 0 };
      s.p = p;
      byId.set(label, s);
    } else if (label === LABELS.outOfScope) notOurs = p;
    else if (label === LABELS.emergency) emergency = p;
    else if (!intent || p > intent.p) intent = { label, p };
  });
  const items = [...byId.values()];
  for (const s of items) s.score = mix * s.p + (1 - mix) * s.r;
  items.sort((a, b) => b.score - a.score);
  const fields = new Map<string, Prediction>();
  const fieldFor = (item: string) => {
    let f = fields.get(item);
    if (!f) fields.set(item, (f = matcher.field(query.text, item, strings)));
    return f;
  };
  return { items, ranked, notOurs, emergency, intent, fieldFor };
}
