/**
 * The weekly report as PDF: its HTML printed by the system's Chromium (Debian's
 * `chromium`, driven by playwright-core; never a downloaded browser). Without Chromium
 * the caller writes the HTML and says how to get a PDF (NoChromium's message).
 */
import { existsSync } from 'node:fs';

/** Flags for a headless print in a server or CI: no sandbox (root), no background traffic. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export class NoChromium extends Error {
  constructor(readonly path: string) {
    super(`没有找到 Chromium（${path}），无法生成 PDF。安装：apt-get install -y chromium fonts-noto-cjk（或设置 CHROMIUM_PATH）；也可以用浏览器打开网页版，按 Ctrl+P 另存为 PDF。`);
  }
}

export function hasChromium(path: string): boolean {
  return existsSync(path);
}

export async function htmlToPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!hasChromium(chromiumPath)) throw new NoChromium(chromiumPath);
  // Loaded when a PDF is asked for, not at start: playwright-core costs ~0.1 s to load and
  // most servers never print a report.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ARGS });
  try {
    const page = await browser.newPage();
    // The page has no scripts and loads nothing: set it and print it.
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
