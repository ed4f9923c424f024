/** A line diff of two texts as HTML (changed lines with two lines of context), via `diff`. */
import { structuredPatch } from 'diff';
import { html, type Html } from '../html.js';

export function diffHtml(before: string, after: string, label = '改动'): Html {
  const { hunks } = structuredPatch('before', 'after', before, after, '', '', { context: 2 });
  if (!hunks.length) return html`<p class="hint">没有改动。</p>`;
  return html`<pre class="diff" aria-label="${label}">${hunks.map(
    (h) => html`<span class="hunk">@@ 第 ${h.oldStart} 行 → 第 ${h.newStart} 行 @@</span>
${h.lines.map((l) => (l.startsWith('+') ? html`<ins>${l}</ins>\n` : l.startsWith('-') ? html`<del>${l}</del>\n` : html`<span>${l}</span>\n`))}`,
  )}</pre>`;
}
