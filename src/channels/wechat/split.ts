/**
 * Passive replies have a size limit (commonly 2048 bytes). Long answers are split at
 * paragraph boundaries (then lines, then characters) into parts that fit with the
 * "reply 更多" note; the channel keeps the rest for the citizen to ask for.
 */
export const MORE_NOTE = '（内容较长，回复“更多”查看下一部分）';
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export function splitReply(text: string, maxBytes: number): string[] {
  const budget = maxBytes - bytes(`\n\n${MORE_NOTE}`) - 16;
  if (bytes(text) <= maxBytes) return [text];
  const parts: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) parts.push(current.trim());
    current = '';
  };
  const add = (piece: string, sep: string) => {
    const candidate = current ? current + sep + piece : piece;
    if (bytes(candidate) <= budget) {
      current = candidate;
      return;
    }
    push();
    if (bytes(piece) <= budget) {
      current = piece;
    } else if (sep === '\n\n') {
      for (const line of piece.split('\n')) add(line, '\n');
    } else {
      for (const ch of Array.from(piece)) add(ch, '');
    }
  };
  for (const para of text.split(/\n{2,}/)) add(para, '\n\n');
  push();
  return parts.map((p, i) => (i < parts.length - 1 ? `${p}\n\n${MORE_NOTE}` : p));
}
