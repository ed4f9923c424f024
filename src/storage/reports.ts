/**
 * What the admin side shows, whatever the database: the signal status names and the
 * summary periods the dashboard, the JSON API and `npm run report` share. The queries
 * themselves are each implementation's (sqlite/reports.ts).
 */
import type { PeriodSummary, Reports, SignalStatus } from './types.js';

export const SIGNAL_STATUSES: Record<SignalStatus, string> = { new: '新', seen: '已查看', covered: '已补充知识', ignored: '忽略' };

const DAY = 86_400_000;

/** Today (UTC), 7 and 30 days. */
export function periods(reports: Reports, now = new Date()): Promise<PeriodSummary[]> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const end = new Date(now.getTime() + 1);
  return Promise.all([
    reports.period('今天', today, end),
    reports.period('近 7 天', new Date(now.getTime() - 7 * DAY), end),
    reports.period('近 30 天', new Date(now.getTime() - 30 * DAY), end),
  ]);
}
