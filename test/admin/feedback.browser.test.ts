/**
 * "This didn't help" end to end in Chromium: a citizen rates answers in the web chat
 * (有用 / 没用); an editor sees each item's helpful rate, its worst question and the 答非所问
 * signal on the dashboard, corrects the grouping (merge, kept with who and when), and
 * downloads the weekly report as PDF.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../browser.js';
import { cleanTemps, tempDir, testServer } from '../helpers.js';
import { addStaff, PASSWORD } from './staff.js';

describe('verdicts, corrections and the weekly report in Chromium', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await testServer({ ADMIN_TOKEN: 'browser-feedback-token-789' });
    await addStaff(server, '值班编辑', 'editor');
    browser = await launchChromium();
    page = await (await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' })).newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    cleanTemps();
  });

  async function askInChat(question: string, n: number): Promise<void> {
    await page.getByLabel('输入您的问题').fill(question);
    await page.keyboard.press('Enter');
    await page.locator('.msg.bot').nth(n).waitFor();
  }

  test('有用 / 没用 in the web chat reach the dashboard; the editor merges two signals and downloads the weekly PDF', async () => {
    await page.goto(server.url + '/');
    // Bot rows: 0 is the welcome.
    await askInChat('身份证丢了怎么补办', 1);
    const first = page.locator('.msg.bot').nth(1);
    await first.getByRole('button', { name: '没用' }).click();
    await first.locator('.verdict-done').waitFor();
    await expect(first.locator('.verdict-done').innerText()).resolves.toContain('抱歉');

    await askInChat('居住证怎么办理', 2);
    const second = page.locator('.msg.bot').nth(2);
    await second.getByRole('button', { name: '有用' }).click();
    await second.locator('.verdict-done').waitFor();
    await page.screenshot({ path: join(process.env.SCREENSHOT_DIR ?? tempDir(), 'chat-verdicts.png') });
    // A fallback has nothing to rate.
    await askInChat('养狗要办证吗', 3);
    await expect(page.locator('.msg.bot').nth(3).getByRole('button', { name: '没用' }).count()).resolves.toBe(0);
    await askInChat('狗证去哪里登记', 4);
    await server.ctx.log.flush();

    // The editor logs in: helpful rates, the worst question, the 答非所问 signal.
    await page.goto(server.url + '/admin');
    await page.getByLabel('账号').fill('值班编辑');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '概览' }).waitFor();
    const lost = page.locator('table.feedback tr[data-item="idcard-lost"]');
    await expect(lost.innerText()).resolves.toMatch(/居民身份证遗失补领\s+0\s+1\s+0\.0%\s+身份证丢了怎么补办/);
    await expect(page.locator('table.feedback tr[data-item="residence-permit-apply"]').innerText()).resolves.toContain('100.0%');
    const unhelpful = page.locator('table.signals tr', { hasText: '答非所问 · 居民身份证遗失补领' });
    await expect(unhelpful.count()).resolves.toBe(1);
    // Its question is answered, by definition: it is not shown as covered.
    await expect(unhelpful.locator('.covered').count()).resolves.toBe(0);
    await page.screenshot({ path: join(process.env.SCREENSHOT_DIR ?? tempDir(), 'dashboard-feedback.png'), fullPage: true });

    // Two signals about one thing: merge them, and the record says who and when.
    const all = (await server.ctx.reports.signals({ kind: 'unmet' })).filter((s) => s.examples.some((e) => e.includes('狗')));
    if (all.length === 2) {
      const [keep, other] = all as [(typeof all)[0], (typeof all)[0]];
      await page.goto(`${server.url}/admin/signals/${keep.id}`);
      await page.getByLabel('把另一个信号并入本信号').selectOption(String(other.id));
      await page.getByRole('button', { name: '合并' }).click();
      await page.locator('.flash').waitFor();
      await expect(page.locator('table.corrections').innerText()).resolves.toMatch(/值班编辑\s+合并/);
      expect((await server.ctx.reports.signal(keep.id))?.examples.sort()).toEqual(['狗证去哪里登记', '养狗要办证吗'].sort());
    } else {
      // Grouped as one already: split one example off, and the record says who and when.
      const [one] = all;
      await page.goto(`${server.url}/admin/signals/${one?.id}`);
      await page.getByRole('group', { name: '拆分：勾选不属于这一类的例句，拆成一个新信号' }).getByLabel('狗证去哪里登记').check();
      await page.getByRole('button', { name: '拆分为新信号' }).click();
      await page.locator('.flash').waitFor();
      await expect(page.locator('table.corrections').innerText()).resolves.toMatch(/值班编辑\s+拆分/);
    }

    // The weekly report from the dashboard's button.
    await page.goto(server.url + '/admin');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载周报（PDF）' }).click()]);
    const file = join(tempDir(), 'weekly.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(text).toContain('群众需求周报');
    expect(text).toContain('居民身份证遗失补领');
  }, 120_000);
});
