/**
 * Teaching the grouping: an admin files a signal's examples under a matter, and the matter
 * classifier (knowledge/demand-matters/, the grouping's reading of what a question asks for)
 * learns them at the next reload. The grouping is only as good as that reading (issue 15's
 * eval: of the phrasings of one demand left in two signals, nearly all are read as two
 * matters), and the bureau's own citizens' words teach it what no brief foresaw.
 *
 * What an admin teaches goes to one staff-owned file, knowledge/demand-matters/taught.yaml, in
 * the folder's own format (a matter named in several files is one matter), so it is kept in
 * the knowledge version store like any other edit, and staff can read and prune it by hand.
 */
import { parse, stringify } from 'yaml';
import { demandMatterFile } from '../knowledge/load.js';
import { groupingText } from './demand.js';

/** The file taught phrasings go to, inside the knowledge folder. */
export const TAUGHT_FILE = 'demand-matters/taught.yaml';

const HEADER = `# 后台“教给归并”写入的例句：管理员把需求信号里的群众原话（已脱敏）归入某个事项，归并模型（事项分类器）重新加载时学会它们。
# 格式同本目录其他文件：matters: - id（小写英文、数字、连字符） label（事项名称） phrasings（群众的问法）。id 与其他文件相同即是同一事项。
`;

export interface TaughtMatter {
  id: string;
  label: string;
  phrasings: string[];
}

/** The matters of a taught file's text ('' or null: none yet), checked as the knowledge loader checks them. */
export function readTaught(text: string | null): TaughtMatter[] {
  return text?.trim() ? demandMatterFile.parse(parse(text)).matters : [];
}

/**
 * The taught file with `examples` (stored, masked text) added under the matter: written as
 * the grouper reads them (normalised, the masks' placeholders out), each once.
 */
export function teach(text: string | null, matter: { id: string; label: string }, examples: readonly string[]): { text: string; added: number } {
  const matters = readTaught(text);
  let entry = matters.find((m) => m.id === matter.id);
  if (!entry) matters.push((entry = { id: matter.id, label: matter.label, phrasings: [] }));
  let added = 0;
  for (const e of examples) {
    const phrasing = groupingText(e);
    if (!phrasing || entry.phrasings.includes(phrasing)) continue;
    entry.phrasings.push(phrasing);
    added++;
  }
  return { text: HEADER + stringify({ matters }, { lineWidth: 0 }), added };
}

/** An id for a new matter (the folder's ids are lower-case ASCII): taught-1, taught-2 … */
export function newMatterId(taken: Iterable<string>): string {
  const ids = new Set(taken);
  let n = 1;
  while (ids.has(`taught-${n}`)) n++;
  return `taught-${n}`;
}
