/** Percentiles and formatting shared by the benchmarks. */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
}
export const ms = (x: number, digits = 3) => `${x.toFixed(digits)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const met = (ok: boolean) => (ok ? '✅ met' : '❌ not yet');
/** The middle value (the lower of the two middle ones for an even count). */
export const median = (xs: number[]) => percentile(xs, 50);
