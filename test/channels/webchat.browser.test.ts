/**
 * The web chat in a real browser: Debian's Chromium driven by playwright-core.
 * A citizen taps a suggested question, sees the answer with related questions and the
 * basis folded, taps a numbered option, follows up in words, copies an answer, calls a
 * number, and does all of it again with the keyboard alone.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Reply } from '../../src/contract/reply.js';
import { launchChromium } from '../browser.js';
import { cleanTemps, testServer } from '../helpers.js';

describe('web chat in Chromium', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await testServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 780 }, locale: 'zh-CN' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    await page.goto(server.url + '/');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    cleanTemps();
  });

  const botBubbles = () => page.locator('.msg.bot:not(.typing) .bubble');
  const answers = () => page.locator('.msg.bot[data-kind="answer"]');
  /** The reply object behind the next answer the page shows. */
  const nextReply = () => page.waitForResponse((r) => r.url().endsWith('/api/ask')).then((r) => r.json() as Promise<Reply>);

  test('the welcome offers the staff-chosen questions; tapping one answers it, with related questions', async () => {
    await expect(page.title()).resolves.toContain('问政');
    const suggested = page.getByRole('group', { name: '大家常问' }).getByRole('button');
    await suggested.first().waitFor();
    expect(await suggested.count()).toBeGreaterThanOrEqual(6);
    expect(await suggested.count()).toBeLessThanOrEqual(8);
    await expect(suggested.first().innerText()).resolves.toBe('身份证丢了怎么补办');

    const replied = nextReply();
    await suggested.first().click();
    const reply = await replied;
    expect(reply).toMatchObject({ kind: 'answer', item: { id: 'idcard-lost' } });
    await answers().first().waitFor();
    await expect(botBubbles().last().innerText()).resolves.toContain('居民身份证遗失补领');

    // 您可能还想问: 2–3 questions from the same area, as buttons.
    const related = answers().last().getByRole('group', { name: '您可能还想问' }).getByRole('button');
    expect(await related.count()).toBeGreaterThanOrEqual(2);
    expect(await related.count()).toBeLessThanOrEqual(3);
    expect(reply.related?.every((r) => r.id.startsWith('idcard-'))).toBe(true);

    // Tapping one asks it, and the bot answers that item.
    const first = reply.related![0]!;
    const next = nextReply();
    await related.first().click();
    expect(await next).toMatchObject({ kind: 'answer', item: { id: first.id } });
    await answers().nth(1).waitFor();
    await expect(botBubbles().last().innerText()).resolves.toContain(first.title);
  });

  test('ask, tap an option, follow up; the basis is folded under 查看依据', async () => {
    await page.getByLabel('输入您的问题').fill('居住证怎么办理');
    await page.keyboard.press('Enter');
    await answers().nth(2).waitFor();
    await expect(botBubbles().last().innerText()).resolves.toContain('居住证');

    // Tap "所需材料" among the numbered options.
    const replied = nextReply();
    await page.locator('.options button', { hasText: '所需材料' }).last().click();
    const reply = await replied;
    expect(reply.text).toContain('依据：'); // the text itself is unchanged (WeChat shows it)
    const bubble = answers().nth(3);
    await bubble.waitFor();
    await expect(bubble.locator('.text').innerText()).resolves.toContain('所需材料');
    await expect(bubble.locator('.text').innerText()).resolves.not.toContain('依据：');
    const basis = bubble.locator('details.basis');
    await expect(basis.locator('summary').innerText()).resolves.toBe('查看依据');
    expect(await basis.getAttribute('open')).toBeNull();
    await expect(basis.locator('li').first().isVisible()).resolves.toBe(false);
    await basis.locator('summary').click();
    await expect(basis.locator('li').first().isVisible()).resolves.toBe(true);
    await expect(basis.locator('li').first().innerText()).resolves.toBe(reply.basis![0]);

    // A follow-up in words stays on the topic.
    await page.getByLabel('输入您的问题').fill('要钱吗');
    await page.getByRole('button', { name: '发送' }).click();
    await answers().nth(4).waitFor();
    await expect(botBubbles().last().innerText()).resolves.toContain('收费');
  });

  test('the live region reads each reply; an answer can be copied', async () => {
    const status = page.locator('#status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('收费'));

    const last = answers().last();
    const copy = last.getByRole('button', { name: '复制这条答复' });
    await copy.click();
    await page.waitForFunction((el) => el?.textContent === '已复制', await copy.elementHandle());
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('收费');
    expect(copied).toContain('依据：'); // the whole reply, basis included
  });

  test('phone numbers are tap-to-call links; counts and articles are not', async () => {
    await page.getByLabel('输入您的问题').fill('今天天气怎么样');
    await page.keyboard.press('Enter');
    const fallback = page.locator('.msg.bot[data-kind="fallback"]').last();
    await fallback.waitFor();
    const call = fallback.locator('a.tel[href="tel:12345"]');
    await expect(call.innerText()).resolves.toBe('12345');
    // The rule on a reply made up for it: phones become links, numbers that are not stay text.
    const probe = await context.newPage();
    await probe.route('**/api/ask', (route) =>
      route.fulfill({
        json: { kind: 'chat', text: '请拨打 0379-63939110 或 13812345678，热线（0379）6393911；共110件，第12345条，2020年，12389。', item: null, field: null, score: 1, options: [] },
      }),
    );
    await probe.goto(server.url + '/');
    await probe.getByLabel('输入您的问题').fill('电话');
    await probe.keyboard.press('Enter');
    const made = probe.locator('.msg.bot[data-kind="chat"]');
    await made.waitFor();
    const hrefs = await made.locator('a.tel').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['tel:037963939110', 'tel:13812345678', 'tel:03796393911', 'tel:12389']);
    await expect(made.innerText()).resolves.toContain('共110件，第12345条，2020年');
    await probe.close();
  });

  test('an emergency is unmistakable and announced to screen readers', async () => {
    await page.getByLabel('输入您的问题').fill('救命 有人抢劫');
    await page.keyboard.press('Enter');
    const alert = page.locator('.msg.bot.emergency [role="alert"]');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain('110');
    await expect(alert.locator('a.tel[href="tel:110"]').count()).resolves.toBeGreaterThan(0);
  });

  test('markup typed by a citizen shows as text', async () => {
    await page.getByLabel('输入您的问题').fill('<img src=x onerror="window.__xss=1">身份证');
    await page.keyboard.press('Enter');
    await page.locator('.msg.user .bubble', { hasText: '<img src=x' }).waitFor();
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('.msg.user img').count()).toBe(0);
  });

  test('keyboard only: every control is reached by Tab, focus is visible, Enter and Space act', async () => {
    const kb = await context.newPage();
    await kb.goto(server.url + '/');
    await kb.locator('#suggest button').first().waitFor();

    /** Tab until the focused element matches; returns what it passed, with its focus ring. */
    const tabTo = async (selector: string, max = 30) => {
      for (let i = 0; i < max; i++) {
        await kb.keyboard.press('Tab');
        const hit = await kb.evaluate((sel) => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || !el.matches(sel)) return null;
          const s = getComputedStyle(el);
          return { text: el.textContent ?? '', outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
        }, selector);
        if (hit) return hit;
      }
      throw new Error(`Tab never reached ${selector}`);
    };

    const toggle = await tabTo('#large');
    expect(toggle.outline).not.toBe('none');
    expect(toggle.width).toBeGreaterThanOrEqual(3);
    await kb.keyboard.press('Space');
    expect(await kb.locator('#large').getAttribute('aria-pressed')).toBe('true');

    const suggestion = await tabTo('#suggest button');
    expect(suggestion.outline).not.toBe('none');
    await kb.keyboard.press('Enter');
    await kb.locator('.msg.bot[data-kind="answer"]').first().waitFor();

    const option = await tabTo('.options button');
    expect(option.width).toBeGreaterThanOrEqual(3);
    await kb.keyboard.press('Space');
    await kb.locator('.msg.bot[data-kind="answer"]').nth(1).waitFor();

    await tabTo('details.basis summary');
    await kb.keyboard.press('Enter');
    expect(await kb.locator('details.basis').last().getAttribute('open')).not.toBeNull();

    await tabTo('#text');
    await kb.keyboard.type('要多久');
    await kb.keyboard.press('Enter');
    await kb.locator('.msg.bot[data-kind="answer"]').nth(2).waitFor();
    // After a typed question the cursor is back in the box, ready for the next one.
    expect(await kb.evaluate(() => document.activeElement?.id)).toBe('text');
    await kb.close();
  });
});
