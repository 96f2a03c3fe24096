import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { startStack, type RunningStack } from '../support/start-stack.js';

let stack: RunningStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ playground: true });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('bot in the Agents Playground web UI', () => {
  it('greets on install, and typing "help" shows the bot\'s Adaptive Card', async () => {
    const page = await browser.newPage();
    await page.goto(stack.playgroundUrl as string);
    const compose = page.locator('[role="textbox"][contenteditable="true"]').first();
    await compose.waitFor({ state: 'visible', timeout: 60_000 });
    const cards = page.locator('.ac-adaptiveCard').filter({ hasText: 'Safeguarding Supervision' });
    // Opening the chat installs the app: the bot greets with its card first.
    await cards.first().waitFor({ state: 'visible', timeout: 30_000 });
    await expect(cards.first().textContent()).resolves.toContain('I help your safeguarding team');
    const before = await cards.count();
    await compose.click();
    await compose.pressSequentially('help');
    await compose.press('Enter');
    const reply = cards.nth(before);
    await reply.waitFor({ state: 'visible', timeout: 30_000 });
    const replyText = await reply.textContent();
    expect(replyText).toContain('I help your safeguarding team');
    expect(replyText).not.toContain("didn't understand");
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR ?? '/tmp'}/playground-help.png` }).catch(() => undefined);
  });
});
