/**
 * Web chat channel: the static page at `/` and the embeddable widget at `/widget.js` (no
 * external CDN, no framework). The page talks to POST /api/ask with channel "web" and a
 * per-browser random user id, and to GET /api/suggestions for the welcome's questions.
 *
 * Framing: only the chat page may be shown in another site's frame (the widget's panel),
 * and only by the sites in ALLOWED_EMBED_ORIGINS: the server's CSP gives it those
 * frame-ancestors (see `isEmbeddablePage`); everything else stays 'self'. widget.js is
 * loaded by those sites' pages, so it is the one file readable cross-origin.
 */
import express, { Router } from 'express';
import { basename, join } from 'node:path';

// The same path from src/channels/web (tsx, tests) and dist/channels/web (npm start):
// assets are served from the sources, so the build does not copy them.
export const PUBLIC_DIR = join(import.meta.dirname, '../../../src/channels/web/public');

/** The files of the web chat that ship to browsers (the size budget test weighs them). */
export const WEB_ASSETS = ['index.html', 'chat.css', 'chat.js', 'widget.js'] as const;

/** The page a bureau's site may frame: the chat itself (`/`, `/index.html`, with any query). */
export function isEmbeddablePage(url: string | undefined): boolean {
  const path = (url ?? '').split(/[?#]/)[0];
  return path === '/' || path === '/index.html';
}

export function webChatRouter(): Router {
  const router = Router();
  router.use((req, res, next) => {
    // Framing is decided by the CSP's frame-ancestors for this page; the older header
    // would refuse every other site whatever the list says.
    if (isEmbeddablePage(req.originalUrl)) res.removeHeader('X-Frame-Options');
    next();
  });
  router.use(
    express.static(PUBLIC_DIR, {
      index: 'index.html',
      maxAge: '1h',
      setHeaders(res, path) {
        if (basename(path) === 'widget.js') res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      },
    }),
  );
  return router;
}
