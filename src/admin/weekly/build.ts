/**
 * Building the weekly report from a running brain and the store: the same for the
 * dashboard's download button and `npm run report -- --weekly`. "Answered now" means the
 * bot answers a signal's first example confidently with the current knowledge.
 */
import type { DialogParams } from '../../dialog/dialog.js';
import type { Brain } from '../../engine/brain.js';
import { previewWith } from '../../engine/engine.js';
import type { KnowledgeVersionStore } from '../../knowledge/versions/store.js';
import { weeklyReport, type WeeklyReport } from '../../signals/weekly/data.js';
import type { Reports } from '../../storage/types.js';
import { weeklyPage } from './page.js';

export interface WeeklyInputs {
  brain: Brain;
  params: DialogParams;
  reports: Reports;
  /** The one store of knowledge versions (what changed since last week). */
  versions: KnowledgeVersionStore;
}

export async function buildWeekly(inputs: WeeklyInputs, now = new Date()): Promise<{ report: WeeklyReport; html: string }> {
  const { brain, params } = inputs;
  const report = await weeklyReport(
    {
      reports: inputs.reports,
      versions: inputs.versions,
      titleOf: (id) => brain.items.get(id)?.title,
      answersNow: (question) => {
        const { reply } = previewWith(brain, params, question);
        return reply.kind === 'answer' && reply.item && reply.score >= params.decision.answer ? reply.item.id : null;
      },
    },
    now,
  );
  return { report, html: weeklyPage(report, brain.knowledge.offices.get('bureau') ?? '公安局') };
}

/** A file name for the week: 群众需求周报-2026-11-19至2026-11-26.pdf */
export function weeklyFileName(report: WeeklyReport, ext: 'pdf' | 'html'): string {
  return `群众需求周报-${report.from.toISOString().slice(0, 10)}至${report.to.toISOString().slice(0, 10)}.${ext}`;
}
