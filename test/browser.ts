/**
 * Debian's Chromium, driven by playwright-core: never a downloaded browser.
 *
 * The DOM library below types the functions browser tests run inside the page
 * (page.evaluate: document, getComputedStyle …). It is the one place the project takes
 * browser types in; src/ has no DOM code (the web chat's scripts are plain JS files).
 */
/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
