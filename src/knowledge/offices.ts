/**
 * Local facts (offices.yaml): addresses, phones, hours, URLs that only the bureau knows.
 *
 * They live in one file so they are written once and never invented: a value that still
 * starts with 「待填写」 is a placeholder. Items refer to them as {{key}}; when rendering a
 * reply an unfilled placeholder becomes an honest "not published yet, ask 12345" rather
 * than a made-up number.
 */
export const PLACEHOLDER_MARK = '待填写';
export const UNFILLED_TEXT = '暂未公布，可拨打 12345 政务服务便民热线咨询';
const REFERENCE = /\{\{\s*([a-z0-9_.]+)\s*\}\}/gi;

export class Offices {
  private readonly values = new Map<string, string>();

  constructor(tree: unknown = {}) {
    this.flatten(tree, '');
  }

  private flatten(node: unknown, prefix: string): void {
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      for (const [k, v] of Object.entries(node)) this.flatten(v, prefix ? `${prefix}.${k}` : k);
    } else if (prefix && node !== null && node !== undefined) {
      this.values.set(prefix, String(node).trim());
    }
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** The value, or null while it is an unfilled placeholder. */
  get(key: string): string | null {
    const v = this.values.get(key);
    return v === undefined || isPlaceholder(v) ? null : v;
  }

  /** Keys whose values are still placeholders, with what staff should fill in. */
  unfilled(): { key: string; hint: string }[] {
    return [...this.values]
      .filter(([, v]) => isPlaceholder(v))
      .map(([key, v]) => ({ key, hint: v.replace(/^待填写[:：]?\s*/, '') }));
  }

  /** Replace {{key}} references; unknown keys are left visible for the check to report. */
  render(text: string): string {
    return text.replace(REFERENCE, (whole, key: string) => {
      if (!this.values.has(key)) return whole;
      return this.get(key) ?? `（${UNFILLED_TEXT}）`;
    });
  }
}

export function isPlaceholder(value: string): boolean {
  return value.startsWith(PLACEHOLDER_MARK);
}

/** Every {{key}} reference in a text, with its 0-based line offset. */
export function references(text: string): { key: string; lineOffset: number }[] {
  const out: { key: string; lineOffset: number }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(REFERENCE)) out.push({ key: m[1] ?? '', lineOffset: i });
  });
  return out;
}
