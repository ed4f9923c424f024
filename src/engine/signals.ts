/**
 * Wiring the demand grouper to storage: at start, the one-time regrouping migration
 * (src/signals/regroup.ts) and loading what the grouper compares new questions with; after
 * an admin's correction, loading again.
 */
import { REGROUPED, regroupPlan } from '../signals/regroup.js';
import type { Reports } from '../storage/types.js';
import type { Engine } from './engine.js';

/** Regroup stored signals by meaning if that has not run on this store, then load them. */
export async function startSignals(engine: Engine, reports: Reports): Promise<{ regrouped: number }> {
  let signals = await reports.signalExamples();
  let regrouped = 0;
  if ((await reports.meta(REGROUPED.key)) !== REGROUPED.value) {
    const plan = regroupPlan(engine.brain, signals, engine.grouper.params);
    regrouped = plan.merges.reduce((n, m) => n + m.others.length, 0);
    await reports.regroup({ ...plan, actor: REGROUPED.actor, metaKey: REGROUPED.key, metaValue: REGROUPED.value });
    signals = await reports.signalExamples();
  }
  engine.loadSignals(signals);
  return { regrouped };
}

/** After a correction: the grouper compares with the signals as they are now (their demands
 *  made again in the background, most of them already known: see DemandGrouper.prepare). */
export async function syncSignals(engine: Engine, reports: Reports): Promise<void> {
  engine.loadSignals(await reports.signalExamples());
  void engine.prepareSignals();
}
