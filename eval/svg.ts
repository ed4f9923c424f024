/**
 * A small SVG line chart for the report (no charting library needed for one curve).
 */
export interface Point {
  x: number;
  y: number;
  label?: string;
  highlight?: boolean;
}

export function lineChart(title: string, xLabel: string, yLabel: string, points: Point[]): string {
  const W = 560, H = 360, L = 60, R = 20, T = 40, B = 50;
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const x0 = Math.min(...xs, 0.5), x1 = Math.max(...xs, 1);
  const y0 = Math.min(...ys, 0.8), y1 = 1;
  const px = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
  const py = (y: number) => H - B - ((y - y0) / (y1 - y0 || 1)) * (H - T - B);
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const path = sorted.map((p, i) => `${i ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
  const ticks = (a: number, b: number) => Array.from({ length: 6 }, (_, i) => a + ((b - a) * i) / 5);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${title}</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>`,
    ...ticks(x0, x1).map((t) => `<text x="${px(t).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${(t * 100).toFixed(0)}%</text>`),
    ...ticks(y0, y1).map((t) => `<text x="${L - 6}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end">${(t * 100).toFixed(0)}%</text>`),
    `<text x="${W / 2}" y="${H - 12}" text-anchor="middle">${xLabel}</text>`,
    `<text x="16" y="${H / 2}" text-anchor="middle" transform="rotate(-90 16 ${H / 2})">${yLabel}</text>`,
    `<path d="${path}" fill="none" stroke="#07c160" stroke-width="2"/>`,
    ...sorted.map((p) =>
      `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="${p.highlight ? 6 : 3}" fill="${p.highlight ? '#e64340' : '#07c160'}"><title>${p.label ?? ''}</title></circle>`,
    ),
    ...sorted.filter((p) => p.highlight).map((p) => `<text x="${(px(p.x) + 8).toFixed(1)}" y="${(py(p.y) - 8).toFixed(1)}" fill="#e64340">${p.label ?? ''}</text>`),
    '</svg>',
  ];
  return out.join('\n') + '\n';
}
