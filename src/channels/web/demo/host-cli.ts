/**
 * `npm run demo:host`: the demo bureau page with the chat widget on http://127.0.0.1:8080
 * (DEMO_PORT), embedding the chat at http://localhost:3000 (CHAT_URL). Start the chat
 * with ALLOWED_EMBED_ORIGINS=http://127.0.0.1:8080 to see it open; without, the browser
 * refuses the frame, which is the point of the setting.
 */
import { startDemoHost } from './host.js';

const chatUrl = process.env.CHAT_URL ?? 'http://localhost:3000';
const host = await startDemoHost(chatUrl, Number(process.env.DEMO_PORT ?? 8080));
process.stdout.write(`演示页：${host.origin}/  （嵌入 ${chatUrl}；问政助手需设置 ALLOWED_EMBED_ORIGINS=${host.origin}）\n`);
