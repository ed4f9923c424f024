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

/**
 * `withoutEmergency`: the overlay found danger told as over, so the matcher's belief in an
 * emergency is taken out and the rest renormalised: "之前被传销的人骗走了身份证 … 我想重新办一张"
 * reads as an emergency to the matcher (p 1.00), which left every item near 0 though the
 * question is a lost card's.
 */
export function gather(brain: Brain, query: AnalyzedQuery, params: RankParams, mix: number, withoutEmergency = false): Evidence {
  const ranked = rank(query, brain.index, params);
  const { matcher } = brain;
  const strings = matcher.featurizer.strings(query.text);
  const ids = matcher.ids(query.text);
  const labels = matcher.items.labels;
  // Only the items' and "not ours" shares grow: small talk and a person asked for keep theirs.
  const raw = matcher.items.probabilities(ids);
  const probs = withoutEmergency ? renormalisedWithout(raw, labels.indexOf(LABELS.emergency), (i) => isItemLabel(labels[i] ?? '') || labels[i] === LABELS.outOfScope) : raw;

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

/** The probabilities with label k's share given to the labels `grows` picks, in proportion (label k's own kept, for the record). */
function renormalisedWithout(probs: Float64Array, k: number, grows: (i: number) => boolean): number[] {
  const out = Array.from(probs);
  if (k < 0) return out;
  const growing = out.reduce((sum, p, i) => (grows(i) ? sum + p : sum), 0);
  if (growing <= 1e-9) return out;
  const scale = (growing + (out[k] ?? 0)) / growing;
  return out.map((p, i) => (grows(i) ? p * scale : p));
}
