/**
 * Web chat channel: the static page at `/` (no external CDN). The page talks to
 * POST /api/ask with channel "web" and a per-browser random user id.
 */
import express, { Router } from 'express';
import { join } from 'node:path';

export const PUBLIC_DIR = join(import.meta.dirname, 'public');

export function webChatRouter(): Router {
  const router = Router();
  router.use(express.static(PUBLIC_DIR, { index: 'index.html', maxAge: '1h' }));
  return router;
}
