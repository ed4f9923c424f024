/**
 * `npm run report -- --since 7d [--limit 20] [--csv signals.csv]`: the top demand
 * signals as a table, for admins without a browser.
 * `npm run report -- --weekly [--pdf out.pdf] [--html out.html]`: the weekly report
 * (群众需求周报) as printable HTML and, with the system's Chromium, PDF.
 * Reads the server's store, read-only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { DEFAULT_DIALOG } from '../dialog/dialog.js';
import { buildBrain } from '../engine/brain.js';
import { formatProblem } from '../engine/engine.js';
import { FileVersionStore, VERSIONS_FOLDER } from '../knowledge/versions/files.js';
import { openReports } from '../storage/open.js';
import { SIGNAL_STATUSES } from '../storage/reports.js';
import type { Reports } from '../storage/types.js';
import { signalName } from './corrections.js';
import { toCsv } from './csv.js';
import { buildWeekly, weeklyFileName } from './weekly/build.js';
import { htmlToPdf, NoChromium } from './weekly/pdf.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function parseSince(v: string | undefined, now = Date.now()): Date {
  const m = /^(\d+)([dhw])$/.exec(v ?? '7d');
  if (!m) throw new Error(`--since 的格式应为 7d、24h 或 2w，收到：${v}`);
  const unit = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[m[2] as 'h' | 'd' | 'w'];
  return new Date(now - Number(m[1]) * unit);
}

const config = loadConfig();

async function weekly(reports: Reports): Promise<number> {
  const { brain, problems } = buildBrain(config.KNOWLEDGE_DIR, config.INTENTS_DIR, { cacheDir: join(config.DATA_DIR, 'cache') });
  if (!brain) {
    console.error(`知识库有错误，无法生成周报：\n${problems.map(formatProblem).join('\n')}`);
    return 1;
  }
  const versions = new FileVersionStore(join(config.DATA_DIR, VERSIONS_FOLDER));
  const { report, html } = await buildWeekly({ brain, params: DEFAULT_DIALOG, reports, versions });
  const pdfPath = arg('pdf');
  const htmlPath = arg('html') ?? (pdfPath ? undefined : weeklyFileName(report, 'html'));
  if (htmlPath) {
    writeFileSync(htmlPath, html);
    console.log(`已写入 ${htmlPath}（网页版，可直接打印）`);
  }
  if (pdfPath) {
    try {
      writeFileSync(pdfPath, await htmlToPdf(html, config.CHROMIUM_PATH));
      console.log(`已写入 ${pdfPath}`);
    } catch (err) {
      if (!(err instanceof NoChromium)) throw err;
      const fallback = pdfPath.replace(/\.pdf$/i, '') + '.html';
      writeFileSync(fallback, html);
      console.error(`${err.message}\n已改为写入网页版 ${fallback}：用浏览器打开后打印为 PDF。`);
      return 2;
    }
  }
  const top = report.newDemands[0] ?? report.growing[0];
  console.log(`本周 ${report.week.messages} 条消息，回答率 ${(report.week.answerRate * 100).toFixed(1)}%${top ? `；新出现最多的需求：“${top.label}”（${top.thisWeek} 次）` : ''}。`);
  return 0;
}

async function table(reports: Reports): Promise<number> {
  const since = parseSince(arg('since'));
  const signals = await reports.signals({ since, limit: Number(arg('limit') ?? 20) });
  const period = await reports.period('since', since);

  console.log(`${since.toISOString().slice(0, 16)} 以来：${period.messages} 条消息，问题 ${period.questions} 个，回答率 ${(period.answerRate * 100).toFixed(1)}%，未能回答 ${period.fellBack} 个。\n`);
  console.table(
    signals.map((s) => ({ 次数: s.count, 近7天: s.last7, 群众问的是: signalName(s), 类型: s.kind === 'unhelpful' ? '答非所问' : '未能回答', 状态: SIGNAL_STATUSES[s.status], 最近: s.lastSeen.slice(0, 16), 例句: s.examples[0] ?? '' })),
  );
  const csvPath = arg('csv');
  if (csvPath) {
    writeFileSync(csvPath, toCsv(['次数', '近7天', '群众问的是', '类型', '状态', '首次', '最近', '备注', '例句'], signals.map((s) => [s.count, s.last7, signalName(s), s.kind === 'unhelpful' ? `答非所问 ${s.itemId ?? ''}` : '未能回答', SIGNAL_STATUSES[s.status], s.firstSeen, s.lastSeen, s.note ?? '', s.examples.join(' | ')])));
    console.log(`已写入 ${csvPath}`);
  }
  return 0;
}

const { reports, close } = await openReports({ dbPath: config.dbPath });
try {
  process.exitCode = process.argv.includes('--weekly') ? await weekly(reports) : await table(reports);
} finally {
  await close();
}
