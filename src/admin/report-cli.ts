/**
 * `npm run report -- --since 7d [--limit 20] [--csv signals.csv]`: the top demand
 * signals as a table, for admins without a browser. Reads the server's store, read-only.
 */
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config/config.js';
import { openReports } from '../storage/open.js';
import { SIGNAL_STATUSES } from '../storage/reports.js';
import { toCsv } from './csv.js';

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
const since = parseSince(arg('since'));
const { reports, close } = await openReports({ dbPath: config.dbPath });
try {
  const signals = await reports.signals({ since, limit: Number(arg('limit') ?? 20) });
  const period = await reports.period('since', since);

  console.log(`${since.toISOString().slice(0, 16)} 以来：${period.messages} 条消息，问题 ${period.questions} 个，回答率 ${(period.answerRate * 100).toFixed(1)}%，未能回答 ${period.fellBack} 个。\n`);
  console.table(
    signals.map((s) => ({ 次数: s.count, 近7天: s.last7, 问题归并: s.key, 状态: SIGNAL_STATUSES[s.status], 最近: s.lastSeen.slice(0, 16), 例句: s.examples[0] ?? '' })),
  );
  const csvPath = arg('csv');
  if (csvPath) {
    writeFileSync(csvPath, toCsv(['次数', '近7天', '问题归并', '状态', '首次', '最近', '备注', '例句'], signals.map((s) => [s.count, s.last7, s.key, SIGNAL_STATUSES[s.status], s.firstSeen, s.lastSeen, s.note ?? '', s.examples.join(' | ')])));
    console.log(`已写入 ${csvPath}`);
  }
} finally {
  await close();
}
