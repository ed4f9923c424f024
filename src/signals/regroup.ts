/**
 * The regrouping migration: signals stored before grouping by meaning were keyed by a bag
 * of words ("无犯罪 证明" and "无犯罪记录证明 在哪里" were two rows). Once, at the first start
 * with this code, every stored signal is put through a fresh grouper in the order it was
 * first seen; signals whose examples land in one group are merged into the first of them
 * (storage applies the plan in one transaction and records each merge as a correction by
 * the migration), and every signal gets its label.
 */
import type { Brain } from '../engine/brain.js';
import { DemandGrouper, DEFAULT_GROUPING, type GroupingParams, type StoredSignal } from './grouper.js';

/** The store's note that the migration ran (storage `meta`). */
export const REGROUPED = { key: 'signals.grouping', value: 'meaning-1', actor: '迁移：按意思重新归并' } as const;

export interface RegroupPlan {
  merges: { id: number; others: number[] }[];
  /** Signal id → its label after the merges. */
  labels: Record<number, string>;
}

type Brainish = Pick<Brain, 'analyzer' | 'matcher' | 'knowledge' | 'intents'>;

export function regroupPlan(brain: Brainish, signals: readonly (StoredSignal & { id: number })[], params: GroupingParams = DEFAULT_GROUPING): RegroupPlan {
  const grouper = new DemandGrouper(params);
  const targetOf = new Map<string, number>(); // group key → the first signal in it
  const members = new Map<number, (StoredSignal & { id: number })[]>();
  for (const s of signals) {
    const votes = new Map<string, number>();
    for (const e of s.examples) {
      const { key } = grouper.assign(brain, e, { kind: s.kind, itemId: s.itemId });
      votes.set(key, (votes.get(key) ?? 0) + 1);
    }
    const key = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? `#${s.id}`;
    const target = targetOf.get(key) ?? s.id;
    targetOf.set(key, target);
    members.set(target, [...(members.get(target) ?? []), s]);
  }
  const merges: RegroupPlan['merges'] = [];
  const labels: RegroupPlan['labels'] = {};
  for (const [id, group] of members) {
    const others = group.filter((s) => s.id !== id).map((s) => s.id);
    if (others.length) merges.push({ id, others });
    const examples = [...new Set(group.flatMap((s) => s.examples))];
    if (examples.length) labels[id] = grouper.labelOf(brain, examples);
  }
  return { merges, labels };
}
