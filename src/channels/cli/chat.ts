/**
 * Interactive console chat: talk to the bot in a terminal, as a citizen would.
 * `npm run chat`. Type "退出" or press Ctrl-D to leave.
 */
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../../config/config.js';
import { createRuntime } from '../../engine/create.js';

const runtime = await createRuntime(loadConfig(), (err, ctx) => console.error(`[${ctx}]`, err));
const rl = createInterface({ input: process.stdin, output: process.stdout });
console.log('问政助手（控制台）。输入问题后回车；输入“退出”结束。\n');
try {
  for (;;) {
    const text = await rl.question('您：').catch(() => null);
    if (text === null || ['退出', 'exit', 'quit'].includes(text.trim())) break;
    const reply = await runtime.engine.ask({ user: 'console', text, channel: 'cli' });
    console.log(`\n助手（${reply.kind}${reply.item ? ` · ${reply.item.title}` : ''}）：\n${reply.text}\n`);
  }
} finally {
  rl.close();
  await runtime.close();
}
