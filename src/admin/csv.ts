/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Excel reads Chinese correctly), CRLF
 * line ends, every field quoted, and cells that Excel would run as formulas neutralised.
 */
export const BOM = '\uFEFF';

function cell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // CSV injection: =cmd|… would execute in Excel
  return `"${s.replace(/"/g, '""')}"`;
}

export function toCsv(headers: string[], rows: unknown[][]): string {
  return BOM + [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
