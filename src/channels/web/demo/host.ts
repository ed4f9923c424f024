/**
 * A stand-in for the bureau's website: serves the demo page (demo/index.html) on its own
 * port, so the widget is embedded from another origin as it will be in production. The
 * page's chat address (http://localhost:3000) is replaced with `chatUrl`. Used by
 * `npm run demo:host` and by the widget's browser test.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const DEMO_PAGE = join(import.meta.dirname, 'index.html');
/** The widget's address in the page, as a webmaster would write it. */
const WIDGET_IN_PAGE = 'src="http://localhost:3000/widget.js"';

export interface DemoHost {
  /** The host page's origin, e.g. http://127.0.0.1:8080 (what ALLOWED_EMBED_ORIGINS lists). */
  origin: string;
  close(): Promise<void>;
}

/** `chatUrl` may be set later (a test learns the chat server's port after starting this). */
export async function startDemoHost(chatUrl: string | (() => string), port = 0, host = '127.0.0.1'): Promise<DemoHost> {
  const server: Server = createServer((req, res) => {
    if (req.url !== '/' && req.url !== '/index.html') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const url = typeof chatUrl === 'function' ? chatUrl() : chatUrl;
    const page = readFileSync(DEMO_PAGE, 'utf8').replace(WIDGET_IN_PAGE, `src="${url.replace(/\/+$/, '')}/widget.js"`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${bound}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
