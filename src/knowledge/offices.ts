/**
 * Local facts (offices.yaml): addresses, phones, hours, URLs that only the bureau knows.
 *
 * They live in one file so they are written once and never invented: a value that still
 * starts with 「待填写」 is a placeholder. Items refer to them as {{key}}; when rendering a
 * reply an unfilled placeholder becomes an honest "not published yet" rather than a
 * made-up number, and the reply then says once where to ask instead (`noteUnfilled`):
 * a sentence with four facts missing should not repeat the hotline four times.
 */
export const PLACEHOLDER_MARK = '待填写';
export const UNFILLED_TEXT = '（暂未公布）';
export const UNFILLED_NOTE = '注：标“暂未公布”的本地信息，可拨打 12345 政务服务便民热线咨询。';
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
      .map(([key, v]) => ({ key, hint: hintOf(v) }));
  }

  /** Replace {{key}} references; unknown keys are left visible for the check to report. */
  render(text: string): string {
    return text.replace(REFERENCE, (whole, key: string) => {
      if (!this.values.has(key)) return whole;
      return this.get(key) ?? this.stillUnfilled(key);
    });
  }

  /**
   * What a reply shows for an unfilled value: 「（暂未公布）」, except that a name keeps
   * its generic noun from the hint (「待填写：户政服务大厅名称」 → 户政服务大厅), so
   * “或户政服务大厅（电话：（暂未公布））” still reads as a sentence.
   */
  private stillUnfilled(key: string): string {
    const hint = hintOf(this.values.get(key) ?? '');
    return hint.endsWith('名称') && hint.length > 2 ? hint.slice(0, -2) : UNFILLED_TEXT;
  }
}

/** A reply showing an unfilled local fact gets, once, the note on where to ask instead. */
export function noteUnfilled(reply: string): string {
  return reply.includes(UNFILLED_TEXT) && !reply.includes(UNFILLED_NOTE) ? `${reply}\n\n${UNFILLED_NOTE}` : reply;
}

/** What staff should fill in: the placeholder without its 「待填写：」 mark. */
function hintOf(placeholder: string): string {
  return placeholder.replace(/^待填写[:：]?\s*/, '');
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
