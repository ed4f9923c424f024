/**
 * The web chat stays light for old phones and slow networks: its JavaScript and CSS,
 * widget.js included, weigh under 50 KB gzipped (what nginx sends), and the page loads
 * nothing but its own two files: no framework, no CDN.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PUBLIC_DIR, WEB_ASSETS } from '../../src/channels/web/router.js';

const BUDGET_BYTES = 50 * 1024;

const gzipped = (file: string) => gzipSync(readFileSync(join(PUBLIC_DIR, file))).length;

describe('web chat weight', () => {
  test('every file the folder serves is a known asset (nothing slips in unweighed)', () => {
    expect(readdirSync(PUBLIC_DIR).sort()).toEqual([...WEB_ASSETS].sort());
  });

  test('JS and CSS, widget.js included, under 50 KB gzipped', () => {
    const code = WEB_ASSETS.filter((f) => /\.(js|css)$/.test(f));
    expect(code).toEqual(expect.arrayContaining(['chat.js', 'chat.css', 'widget.js']));
    const total = code.reduce((sum, f) => sum + gzipped(f), 0);
    expect(total).toBeLessThan(BUDGET_BYTES);
    // The page itself too, though the budget is for code.
    expect(total + gzipped('index.html')).toBeLessThan(BUDGET_BYTES);
  });

  test('the page loads only its own script and stylesheet; the scripts import nothing', () => {
    const html = readFileSync(join(PUBLIC_DIR, 'index.html'), 'utf8');
    const loads = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(loads.sort()).toEqual(['chat.css', 'chat.js', 'data:,']);
    for (const js of ['chat.js', 'widget.js']) {
      const source = readFileSync(join(PUBLIC_DIR, js), 'utf8');
      expect(source).not.toMatch(/\bimport\s*[({'"]|\brequire\(|createElement\(\s*['"]script/);
    }
  });
});
