/**
 * The embeddable widget, as a bureau's website uses it: the demo host page is served from
 * a second origin (another port) and loads widget.js from the chat server. From an origin
 * in ALLOWED_EMBED_ORIGINS the 在线咨询 button opens the chat in a panel and a citizen
 * chats in it; from any other origin Chromium refuses the frame (CSP frame-ancestors).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startDemoHost, type DemoHost } from '../../src/channels/web/demo/host.js';
import { launchChromium } from '../browser.js';
import { cleanTemps, testServer } from '../helpers.js';

describe('embeddable widget in Chromium', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  let allowed: DemoHost;
  let other: DemoHost;
  let browser: Browser;

  beforeAll(async () => {
    // The host pages learn the chat's address once it is listening; the chat learns which
    // host may embed it before it starts.
    let chatUrl = '';
    allowed = await startDemoHost(() => chatUrl);
    other = await startDemoHost(() => chatUrl);
    server = await testServer({ ALLOWED_EMBED_ORIGINS: `https://www.example.gov.cn, ${allowed.origin}` });
    chatUrl = server.url;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await allowed?.close();
    await other?.close();
    cleanTemps();
  });

  async function openWidget(page: Page, origin: string): Promise<void> {
    await page.goto(origin + '/');
    // A real button named by data-title; it says whether the panel is open.
    await page.getByRole('button', { name: '在线咨询', exact: true }).click();
    expect(await page.locator('button[aria-controls="wenzheng-panel"]').getAttribute('aria-expanded')).toBe('true');
  }

  test('on an allowed site: the button opens the chat in a panel, the citizen chats, the panel closes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors|Refused/.test(m.text())) refused.push(m.text());
    });
    await openWidget(page, allowed.origin);
    const panel = page.getByRole('dialog', { name: '在线咨询' });
    await expect(panel.isVisible()).resolves.toBe(true);
    const box = await panel.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(420); // a panel beside the page, not over all of it

    const chat = page.frameLocator('iframe[title="在线咨询：问政助手"]');
    await chat.getByRole('group', { name: '大家常问' }).getByRole('button').first().waitFor();
    await chat.getByLabel('输入您的问题').fill('居住证怎么办理');
    await chat.getByLabel('输入您的问题').press('Enter');
    await chat.locator('.msg.bot[data-kind="answer"]').first().waitFor();
    await expect(chat.locator('.msg.bot[data-kind="answer"] .text').first().innerText()).resolves.toContain('居住证');
    expect(refused).toEqual([]);

    // The panel names where the chat is if the citizen prefers a whole window.
    await expect(panel.getByRole('link', { name: '新窗口打开' }).getAttribute('href')).resolves.toBe(server.url + '/');
    // Closing returns focus to the button, which opens the same conversation again.
    await panel.getByRole('button', { name: '关闭在线咨询' }).click();
    await expect(panel.isVisible()).resolves.toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wenzheng-widget'); // focus inside its shadow root
    await page.getByRole('button', { name: '在线咨询', exact: true }).click();
    await expect(chat.locator('.msg.bot[data-kind="answer"]').count()).resolves.toBe(1);
    // Escape inside the chat closes the panel too (keyboard users are not stuck in the frame).
    await chat.getByLabel('输入您的问题').press('Escape');
    await page.waitForFunction(() => document.getElementById('wenzheng-widget')?.shadowRoot?.getElementById('wenzheng-panel')?.style.display === 'none');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wenzheng-widget');
    await page.close();
  });

  test('on a phone, the panel fills the screen', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    await openWidget(page, allowed.origin);
    const box = await page.getByRole('dialog', { name: '在线咨询' }).boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 360, height: 740 });
    await page.close();
  });

  test('on a site not in ALLOWED_EMBED_ORIGINS, the browser refuses the frame', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const refused = new Promise<string>((resolve) => {
      page.on('console', (m) => {
        if (m.text().includes('frame-ancestors')) resolve(m.text());
      });
    });
    await openWidget(page, other.origin);
    const message = await refused;
    expect(message).toContain(server.url.replace(/^http:\/\//, '')); // the chat page is the one refused
    expect(message).toContain(`frame-ancestors 'self' https://www.example.gov.cn ${allowed.origin}`);
    // Nothing of the chat was rendered inside the panel.
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    expect(await frame!.locator('#text').count()).toBe(0);
    await page.close();
  });

  test('the chat page alone says who may frame it; other pages may be framed by no one else', async () => {
    const page = await fetch(server.url + '/');
    expect(page.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' https://www.example.gov.cn ${allowed.origin}`);
    expect(page.headers.get('x-frame-options')).toBeNull();
    const health = await fetch(server.url + '/healthz');
    expect(health.headers.get('content-security-policy')).toContain("frame-ancestors 'self';");
    expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const widget = await fetch(server.url + '/widget.js');
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const script = await fetch(server.url + '/chat.js');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});
