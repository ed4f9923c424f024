/**
 * The web chat for older and disabled citizens, measured in Chromium: axe-core (run inside
 * the page) finds no serious or critical violation in the normal and the 大字版 modes;
 * 大字版 really enlarges text (computed font size) and tap targets (bounding boxes),
 * strengthens contrast, and is remembered on reload; nothing scrolls sideways at 360 px
 * (WeChat's in-app browser) or at 200% zoom of a 1280 px window. A 360 px screenshot of
 * each mode is saved in test-results/ for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../browser.js';
import { cleanTemps, ROOT, testServer } from '../helpers.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RESULTS = join(ROOT, 'test-results');

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core inside the page (evaluated through the devtools protocol, so the page's CSP does not block it). */
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const run = (globalThis as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe.run;
    const result = await run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** A conversation that shows every kind of control: suggestions, an answer with options, related questions, 查看依据, copy. */
async function converse(page: Page): Promise<void> {
  await page.locator('#suggest button').first().waitFor();
  await page.locator('#suggest button').first().click();
  await page.locator('.msg.bot[data-kind="answer"]').first().waitFor();
  await page.locator('.options button', { hasText: '所需材料' }).last().click();
  await page.locator('.msg.bot[data-kind="answer"]').nth(1).waitFor();
  await page.getByLabel('输入您的问题').fill('救命 有人抢劫');
  await page.keyboard.press('Enter');
  await page.locator('.msg.bot.emergency').waitFor();
}

async function overflow(page: Page): Promise<{ page: number; log: number; widest: string | null }> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const log = document.getElementById('log')!;
    let widest: string | null = null;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > doc.clientWidth + 0.5) widest = `${el.tagName}.${el.className} right=${Math.round(r.right)}`;
    }
    return { page: doc.scrollWidth - doc.clientWidth, log: log.scrollWidth - log.clientWidth, widest };
  });
}

describe('web chat accessibility and 大字版', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = await testServer();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    cleanTemps();
  });

  for (const mode of ['normal', 'large'] as const) {
    test(`${mode}: axe finds no serious or critical violation; nothing scrolls sideways at 360 px; screenshot`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await page.goto(server.url + '/');
      if (mode === 'large') await page.getByRole('button', { name: '大字版' }).click();
      await converse(page);
      // Open the basis too, so axe sees it.
      await page.locator('details.basis summary').last().click();

      const violations = await axe(page);
      writeFileSync(join(RESULTS, `axe-${mode}.json`), JSON.stringify(violations, null, 2));
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

      expect(await overflow(page)).toEqual({ page: 0, log: 0, widest: null });
      // The first answer from its top: heading, summary, folded basis, option buttons.
      await page.locator('.msg.bot[data-kind="answer"]').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(RESULTS, `webchat-360-${mode}.png`) });
      await ctx.close();
    });
  }

  test('200% zoom of a 1280 px window (640 CSS px) scrolls no sideways, in both modes', async () => {
    // Browser zoom at 200% lays the page out in half the CSS pixels at twice the density.
    const ctx = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(server.url + '/');
    await converse(page);
    expect(await overflow(page)).toEqual({ page: 0, log: 0, widest: null });
    await page.getByRole('button', { name: '大字版' }).click();
    expect(await overflow(page)).toEqual({ page: 0, log: 0, widest: null });
    // The chat still has room to read in: the log is at least a third of the window.
    const logHeight = await page.locator('#log').evaluate((el) => el.clientHeight);
    expect(logHeight).toBeGreaterThan(400 / 3);
    await ctx.close();
  });

  test('大字版 enlarges text and tap targets, strengthens contrast, and is remembered on reload', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(server.url + '/');
    await converse(page);

    const measure = () =>
      page.evaluate(() => {
        const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : 0);
        const controls = Array.from(document.querySelectorAll<HTMLElement>('button, summary, textarea')).filter((el) => el.offsetParent !== null);
        const boxes = controls.map((el) => {
          const r = el.getBoundingClientRect();
          return { what: `${el.tagName} ${el.textContent?.slice(0, 12)}`, w: r.width, h: r.height };
        });
        const answer = document.querySelector('.msg.bot[data-kind="answer"] .bubble');
        return {
          base: px(document.body),
          answerText: px(document.querySelector('.msg.bot[data-kind="answer"] .text')),
          smallest: Math.min(...Array.from(document.querySelectorAll('.bubble *, .bar *')).filter((e) => (e as HTMLElement).offsetParent !== null && e.textContent).map(px)),
          controls: boxes.length,
          smallestTarget: boxes.reduce((m, b) => (Math.min(b.w, b.h) < Math.min(m.w, m.h) ? b : m), { what: '', w: Infinity, h: Infinity }),
          textColor: getComputedStyle(document.querySelector('.msg.bot[data-kind="answer"] .text')!).color,
          bubbleBorder: answer ? parseFloat(getComputedStyle(answer).borderTopWidth) : 0,
          pressed: document.getElementById('large')!.getAttribute('aria-pressed'),
        };
      });

    const normal = await measure();
    expect(normal.base).toBeGreaterThanOrEqual(18);
    expect(normal.answerText).toBeGreaterThanOrEqual(18);
    expect(normal.smallest).toBeGreaterThanOrEqual(14);
    expect(normal.controls).toBeGreaterThan(10);
    expect(Math.min(normal.smallestTarget.w, normal.smallestTarget.h)).toBeGreaterThanOrEqual(44);
    expect(normal.pressed).toBe('false');

    await page.getByRole('button', { name: '大字版' }).click();
    const large = await measure();
    expect(large.base).toBeGreaterThanOrEqual(24);
    expect(large.answerText).toBeGreaterThanOrEqual(24);
    expect(large.smallest).toBeGreaterThanOrEqual(20);
    expect(Math.min(large.smallestTarget.w, large.smallestTarget.h)).toBeGreaterThanOrEqual(56);
    expect(large.textColor).toBe('rgb(0, 0, 0)'); // black on white (was #111)
    expect(large.bubbleBorder).toBeGreaterThanOrEqual(2); // bubbles outlined, not just shaded
    expect(large.pressed).toBe('true');
    writeFileSync(join(RESULTS, 'webchat-measures.json'), JSON.stringify({ normal, large }, null, 2));

    // Remembered on this device: a reload (and a new visit) comes back in 大字版 …
    await page.reload();
    await page.locator('#suggest button').first().waitFor();
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(24);
    expect(await page.locator('#large').getAttribute('aria-pressed')).toBe('true');
    // … until it is switched off again.
    await page.getByRole('button', { name: '大字版' }).click();
    await page.reload();
    await page.locator('#suggest button').first().waitFor();
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBe(18);
    await ctx.close();
  });
});
