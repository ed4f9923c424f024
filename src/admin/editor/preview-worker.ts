/**
 * The draft's own process. A draft is built in isolation because jieba's user dictionary
 * is process-wide: building a draft brain in the server would teach the live tokenizer the
 * draft's words (a new keyword, a synonym) and change how live messages are cut and
 * answered before anyone published anything. So the preview forks this file with the
 * draft's folders; it builds the brain (training the matcher, whose weights land in the
 * shared cache so the publish's reload finds them) and answers the parent's questions over
 * IPC until it is told to go or the parent goes.
 *
 *   argv: <knowledgeDir> <intentsDir>
 *   → { type: 'built', ok, problems, ms }
 *   ← { type: 'ask', id, questions, params }   → { type: 'answers', id, answers }
 *   ← { type: 'set', id, cases, params }       → { type: 'set', id, results }
 */
import type { DialogParams } from '../../dialog/dialog.js';
import { buildBrain } from '../../engine/brain.js';
import type { Case } from '../../knowledge/questions.js';
import { askAll, runCases } from './question-set.js';

export type WorkerRequest = { type: 'ask'; id: number; questions: string[]; params: DialogParams } | { type: 'set'; id: number; cases: Case[]; params: DialogParams };

const [knowledgeDir, intentsDir] = process.argv.slice(2);
const send = (msg: unknown) => process.send?.(msg);

const started = performance.now();
let built: ReturnType<typeof buildBrain>;
try {
  built = buildBrain(knowledgeDir ?? '', intentsDir ?? '');
} catch (err) {
  built = { problems: [{ severity: 'error', file: '(draft)', message: String(err) }] };
}
const brain = built.brain;
send({ type: 'built', ok: !!brain, problems: built.problems, ms: performance.now() - started });

process.on('message', (msg: WorkerRequest) => {
  if (!brain) return;
  if (msg.type === 'ask') send({ type: 'answers', id: msg.id, answers: askAll(brain, msg.params, msg.questions) });
  else if (msg.type === 'set') send({ type: 'set', id: msg.id, results: runCases(brain, msg.params, msg.cases) });
});
// The parent went (or closed the channel): nothing left to answer.
process.on('disconnect', () => process.exit(0));
