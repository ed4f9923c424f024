/**
 * Web chat channel: the static page at `/` (no external CDN). The page talks to
 * POST /api/ask with channel "web" and a per-browser random user id.
 */
import express, { Router } from 'express';
import { join } from 'node:path';

// The same path from src/channels/web (tsx, tests) and dist/channels/web (npm start):
// assets are served from the sources, so the build does not copy them.
export const PUBLIC_DIR = join(import.meta.dirname, '../../../src/channels/web/public');

export function webChatRouter(): Router {
  const router = Router();
  router.use(express.static(PUBLIC_DIR, { index: 'index.html', maxAge: '1h' }));
  return router;
}
