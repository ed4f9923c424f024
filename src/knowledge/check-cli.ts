/**
 * `npm run knowledge:check`: validate the knowledge and intents folders the way the
 * server will load them. Prints problems by file and line; exits 1 on any error,
 * 0 when there are only warnings (unfilled placeholders, few aliases, shared aliases).
 */
import { resolve } from 'node:path';
import { buildBrain } from '../engine/brain.js';
import { formatProblem } from '../engine/engine.js';

const knowledgeDir = resolve(process.env.KNOWLEDGE_DIR ?? './knowledge');
const intentsDir = resolve(process.env.INTENTS_DIR ?? './intents');
const { brain, problems } = buildBrain(knowledgeDir, intentsDir);

const errors = problems.filter((p) => p.severity === 'error');
const warnings = problems.filter((p) => p.severity === 'warning');
for (const p of [...errors, ...warnings]) console.log(formatProblem(p));

if (brain) {
  const byKind = new Map<string, number>();
  for (const item of brain.knowledge.items) byKind.set(item.kind, (byKind.get(item.kind) ?? 0) + 1);
  const aliases = brain.knowledge.items.reduce((n, i) => n + i.aliases.length, 0);
  console.log(
    `\n共 ${brain.knowledge.items.length} 个条目（户籍 ${byKind.get('household') ?? 0}，政府信息公开 ${byKind.get('disclosure') ?? 0}，年度报告 ${byKind.get('report') ?? 0}），` +
      `别名 ${aliases} 条，同义词 ${brain.knowledge.lexicon.synonyms.length} 组。`,
  );
}
console.log(`${errors.length} 个错误，${warnings.length} 个警告。${errors.length ? '请按上面的文件和行号修改。' : '检查通过。'}`);
process.exitCode = errors.length ? 1 : 0;
