/**
 * The web chat in a real browser: Debian's Chromium driven by playwright-core.
 * A citizen asks, sees the answer, taps a numbered option, and follows up.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../browser.js';
import { cleanTemps, testServer } from '../helpers.js';

describe('web chat in Chromium', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await testServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 780 }, locale: 'zh-CN' });
    await page.goto(server.url + '/');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    cleanTemps();
  });

  const botBubbles = () => page.locator('.msg.bot .bubble');

  test('ask, see the answer, tap an option, follow up', async () => {
    await expect(page.title()).resolves.toContain('问政');
    await page.getByLabel('输入您的问题').fill('居住证怎么办理');
    await page.keyboard.press('Enter');
    await page.locator('.msg.bot[data-kind="answer"]').first().waitFor();
    await expect(botBubbles().last().innerText()).resolves.toContain('居住证');

    // Tap "所需材料" among the numbered options.
    await page.locator('.options button', { hasText: '所需材料' }).last().click();
    await page.locator('.msg.bot[data-kind="answer"]').nth(1).waitFor();
    await expect(botBubbles().last().innerText()).resolves.toContain('所需材料');

    // A follow-up in words stays on the topic.
    await page.getByLabel('输入您的问题').fill('要钱吗');
    await page.getByRole('button', { name: '发送' }).click();
    await page.locator('.msg.bot[data-kind="answer"]').nth(2).waitFor();
    await expect(botBubbles().last().innerText()).resolves.toContain('收费');
  });

  test('an emergency is unmistakable and announced to screen readers', async () => {
    await page.getByLabel('输入您的问题').fill('救命 有人抢劫');
    await page.keyboard.press('Enter');
    const alert = page.locator('.msg.bot.emergency [role="alert"]');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain('110');
  });

  test('markup typed by a citizen shows as text', async () => {
    await page.getByLabel('输入您的问题').fill('<img src=x onerror="window.__xss=1">身份证');
    await page.keyboard.press('Enter');
    await page.locator('.msg.user .bubble', { hasText: '<img src=x' }).waitFor();
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('.msg.user img').count()).toBe(0);
  });
});
