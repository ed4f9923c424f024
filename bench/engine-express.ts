/**
 * The reference for per-request overhead: bare Express plus the engine. One route, POST
 * /api/ask, parses JSON and awaits the engine's ask() on the runtime `npm start` builds
 * (the same configuration, storage and shared state), nothing else: no security headers,
 * rate limits, validation, metrics or logging. What /api/ask costs beyond this is the
 * server's per-request overhead (bench/run.ts).
 */
import express from 'express';
import { loadConfig } from '../src/config/config.js';
import { createRuntime } from '../src/engine/create.js';

const runtime = await createRuntime(loadConfig(process.env, false));
const app = express();
app.post('/api/ask', express.json(), async (req, res) => {
  const body = req.body as { user: string; text: string };
  res.json(await runtime.engine.ask({ user: String(body.user), text: body.text, channel: 'api' }));
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () =>
  server.close(() => {
    void runtime.close().then(() => process.exit(0));
  }),
);
