/**
 * The weekly report's figures (群众需求周报), for the bureau's leaders: messages and answer
 * rate this week against last week, the top new and growing demands with what citizens
 * wrote, the items with the lowest helpful rate, and the knowledge changed since last
 * week with the demand signals it now covers.
 *
 * Everything comes from storage's read side, from the one store of knowledge versions
 * (src/knowledge/versions: what was live a week ago against what is live now) and from
 * the running brain (titles, and whether a signal's question is answered now). Rendering is the admin's (src/admin/weekly/).
 */
import { changesBetween } from '../../knowledge/versions/snapshot.js';
import type { FileChangeKind, KnowledgeVersionStore } from '../../knowledge/versions/store.js';
import type { DailyCount, ItemFeedback, PeriodSummary, Reports, SignalRow } from '../../storage/types.js';

const DAY = 86_400_000;

export interface DemandLine {
  id: number;
  label: string;
  count: number;
  thisWeek: number;
  lastWeek: number;
  examples: string[];
}

export interface KnowledgeChange {
  path: string;
  change: FileChangeKind;
  /** The item the file holds, if it is an item's file. */
  itemId: string | null;
  title: string | null;
}

export interface CoveredSignal {
  id: number;
  label: string;
  count: number;
  itemId: string;
  title: string;
  /** The item's file changed this week (so this week's change covers it). */
  changedThisWeek: boolean;
}

export interface WeeklyReport {
  from: Date;
  to: Date;
  week: PeriodSummary;
  previous: PeriodSummary;
  /** The last 14 days, oldest first. */
  daily: DailyCount[];
  newDemands: DemandLine[];
  growing: DemandLine[];
  /** Items with verdicts this week, lowest helpful rate first, with titles. */
  unhelpful: (ItemFeedback & { title: string })[];
  knowledge: {
    /** False when no version was saved a week ago or since: the changes are then unknown. */
    tracked: boolean;
    changes: KnowledgeChange[];
    covered: CoveredSignal[];
  };
}

export interface WeeklySources {
  reports: Reports;
  versions: KnowledgeVersionStore;
  /** An item's title (the running brain's). */
  titleOf(itemId: string): string | undefined;
  /** The item that answers this question now, confidently, or null. */
  answersNow(question: string): string | null;
}

const TOP = 5;

function line(s: SignalRow): DemandLine {
  return { id: s.id, label: s.label ?? s.key, count: s.count, thisWeek: s.last7, lastWeek: s.prev7, examples: s.examples.slice(0, 3) };
}

/** The item id a knowledge file holds ("knowledge/items/idcard-lost.md" → idcard-lost). */
export function itemOfPath(path: string): string | null {
  const m = /^knowledge\/(?:items|disclosure|report)\/([^/]+)\.md$/.exec(path);
  return m?.[1] ?? null;
}

/**
 * The files changed between the knowledge live at `from` and at `to`; null when no version
 * was saved by `to` (nothing is known). When the first version was saved during the week,
 * what was live before it is unknown: the changes are those the later versions made.
 */
async function changesSince(versions: KnowledgeVersionStore, from: Date, to: Date): Promise<{ path: string; change: FileChangeKind }[] | null> {
  const between = await changesBetween(versions, from, to);
  if (!between.after) return null;
  if (between.before) return between.changes;
  const saved = (await versions.list({ since: from })).filter((v) => v.ok && v.at.getTime() <= to.getTime()).reverse();
  const byPath = new Map<string, FileChangeKind>();
  for (const v of saved.slice(1)) for (const c of v.changes) byPath.set(c.path, byPath.has(c.path) && c.change === 'changed' ? (byPath.get(c.path) as FileChangeKind) : c.change);
  return [...byPath].map(([path, change]) => ({ path, change })).sort((a, b) => a.path.localeCompare(b.path));
}

export async function weeklyReport(sources: WeeklySources, now = new Date()): Promise<WeeklyReport> {
  const { reports, versions } = sources;
  const to = now;
  const from = new Date(to.getTime() - 7 * DAY);
  const before = new Date(from.getTime() - 7 * DAY);
  const [week, previous, daily, signals, feedback, changes] = await Promise.all([
    reports.period('本周', from, to),
    reports.period('上周', before, from),
    reports.daily(14, to),
    reports.signals({ kind: 'unmet', status: ['new', 'seen'], limit: 1000 }, to),
    reports.itemFeedback(from),
    changesSince(versions, from, to),
  ]);
  const active = signals.filter((s) => s.last7 > 0);
  const newDemands = active
    .filter((s) => s.firstSeen >= from.toISOString())
    .sort((a, b) => b.last7 - a.last7 || b.count - a.count)
    .slice(0, TOP)
    .map(line);
  const growing = active
    .filter((s) => s.firstSeen < from.toISOString() && s.last7 > s.prev7)
    .sort((a, b) => b.last7 - b.prev7 - (a.last7 - a.prev7) || b.last7 - a.last7)
    .slice(0, TOP)
    .map(line);

  const knowledgeChanges: KnowledgeChange[] = (changes ?? []).map((c) => {
    const itemId = itemOfPath(c.path);
    return { ...c, itemId, title: itemId ? (sources.titleOf(itemId) ?? null) : null };
  });
  const changedItems = new Set(knowledgeChanges.flatMap((c) => (c.itemId ? [c.itemId] : [])));
  const covered: CoveredSignal[] = [];
  for (const s of signals) {
    const example = s.examples[0];
    const itemId = example ? sources.answersNow(example) : null;
    if (!itemId) continue;
    covered.push({ id: s.id, label: s.label ?? s.key, count: s.count, itemId, title: sources.titleOf(itemId) ?? itemId, changedThisWeek: changedItems.has(itemId) });
  }
  covered.sort((a, b) => Number(b.changedThisWeek) - Number(a.changedThisWeek) || b.count - a.count);

  return {
    from,
    to,
    week,
    previous,
    daily,
    newDemands,
    growing,
    unhelpful: feedback.slice(0, TOP).map((f) => ({ ...f, title: sources.titleOf(f.itemId) ?? f.itemId })),
    knowledge: { tracked: changes !== null, changes: knowledgeChanges, covered: covered.slice(0, 10) },
  };
}
