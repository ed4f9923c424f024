/** The dashboard's daily trend as an SVG bar chart (answered / clarified / fell back). */
import type { DailyCount } from '../storage/types.js';
import { escape } from './html.js';

const SERIES = [
  { key: 'answered', label: '已回答', color: '#07c160' },
  { key: 'clarified', label: '追问', color: '#f0b429' },
  { key: 'fellBack', label: '未能回答', color: '#e64340' },
] as const;

export function trendChart(days: DailyCount[]): string {
  const W = 720, H = 220, L = 36, B = 28, T = 24;
  const max = Math.max(1, ...days.map((d) => d.answered + d.clarified + d.fellBack));
  const bw = (W - L - 8) / days.length;
  const y = (v: number) => ((H - B - T) * v) / max;
  const bars = days
    .map((d, i) => {
      let base = H - B;
      return SERIES.map((s) => {
        const h = y(d[s.key]);
        base -= h;
        return h > 0
          ? `<rect x="${(L + i * bw + 1).toFixed(1)}" y="${base.toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${escape(d.day)} ${s.label} ${d[s.key]}</title></rect>`
          : '';
      }).join('');
    })
    .join('');
  const labels = days
    .map((d, i) => (i % 5 === 0 || i === days.length - 1 ? `<text x="${(L + i * bw + bw / 2).toFixed(1)}" y="${H - 10}" text-anchor="middle">${escape(d.day.slice(5))}</text>` : ''))
    .join('');
  const legend = SERIES.map((s, i) => `<rect x="${L + i * 110}" y="4" width="12" height="12" fill="${s.color}"/><text x="${L + i * 110 + 16}" y="15">${s.label}</text>`).join('');
  return `<svg class="chart" role="img" aria-label="每日问答趋势" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-size="11" font-family="sans-serif">${legend}<line x1="${L}" y1="${H - B}" x2="${W - 4}" y2="${H - B}" stroke="#999"/><text x="${L - 4}" y="${T + 4}" text-anchor="end">${max}</text><text x="${L - 4}" y="${H - B}" text-anchor="end">0</text>${bars}${labels}</svg>`;
}
