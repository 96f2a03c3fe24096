// End to end: the real server (local mode, emulator identity) serving the built tab, driven by
// Debian's Chromium. A person in a plain browser picks a demo user and is signed in.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { launchChromium } from './support/browser.js';
import { ensureTabBuilt } from './support/build-tab.js';

const DANIEL = 'Signed in as Daniel Okafor, Designated Safeguarding Lead';

describe('tab sign-in in a plain browser (local mode)', () => {
  let stack: RunningStack | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let requested: string[];

  beforeAll(async () => {
    await ensureTabBuilt();
    stack = await startStack();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  beforeEach(async () => {
    if (!browser || !stack) throw new Error('beforeAll did not start the stack and browser');
    context = await browser.newContext();
    page = await context.newPage();
    requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(stack.serverUrl);
    await page.getByRole('radiogroup', { name: 'Choose a demo user' }).waitFor();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('signs in as Daniel Okafor from the picker', async () => {
    await page.getByRole('radio', { name: /Daniel Okafor/ }).check();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    const heading = page.getByRole('heading', { name: DANIEL });
    await heading.waitFor();
    expect(await heading.textContent()).toBe(DANIEL);
    // Focus moves to the result so keyboard and screen-reader users land on it.
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    // The token is kept in memory only.
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    // A plain browser never downloads the host-only SDKs (TeamsJS, MSAL).
    expect(requested.filter((p) => /teams-js|msal/.test(p))).toEqual([]);
    expect(requested).toContain('/api/me');
  });

  it('passes an accessibility smoke check', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    expect(await page.title()).toBe('Safeguarding supervision');
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('main', { name: 'Safeguarding supervision' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1, name: 'Safeguarding supervision' }).count()).toBe(1);
    // The live region for errors is present (and empty) before anything goes wrong.
    expect(await page.getByRole('alert', { includeHidden: true }).count()).toBe(1);

    // The picker and every radio in it have accessible names: the person and their job title.
    const radios = page.getByRole('radiogroup', { name: 'Choose a demo user' }).getByRole('radio');
    expect(await radios.count()).toBeGreaterThan(1);
    expect(await page.getByRole('radio', { name: 'Daniel Okafor, Designated Safeguarding Lead' }).count()).toBe(1);
    const unlabelled = await page
      .locator('input, button, select, textarea')
      .evaluateAll((elements) =>
        elements
          .filter((el) => {
            const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
            const labels = 'labels' in el ? (el as HTMLInputElement).labels : null;
            return !labelled && !(labels && labels.length > 0) && !(el.textContent ?? '').trim();
          })
          .map((el) => el.outerHTML.slice(0, 120)),
      );
    expect(unlabelled).toEqual([]);
  });

  it('works with the keyboard alone and says when no one is chosen', async () => {
    // Submit with nothing chosen: a message tied to the field, not a silent failure.
    await page.getByRole('button', { name: 'Sign in', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Choose a person to sign in as.').waitFor();

    await page.getByRole('radio').first().focus();
    // Arrow keys move through the group; Space selects the focused person.
    const daniel = page.getByRole('radio', { name: /Daniel Okafor/ });
    for (let i = 0; i < 20 && !(await daniel.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Space');
    expect(await daniel.isChecked()).toBe(true);
    await page.keyboard.press('Enter'); // submits the form from the radio
    await page.getByRole('heading', { name: DANIEL }).waitFor();

    // Back to the picker, with focus on its heading.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Sign in as someone else"
    const pickerHeading = page.getByRole('heading', { name: 'Sign in to the demo' });
    await pickerHeading.waitFor();
    expect(await pickerHeading.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('shows a server failure as plain words in the alert region, never a stack trace', async () => {
    await page.route('**/api/dev/sign-in', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'internal', message: 'Error: boom\n    at signIn (/srv/app.js:1:1)' }),
      }),
    );
    await page.getByRole('radio', { name: /Daniel Okafor/ }).check();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    const alert = page.getByRole('alert');
    await alert.getByText('The server had a problem. Try again in a moment.').waitFor();
    expect(await alert.textContent()).not.toMatch(/at signIn|app\.js/);
    // Still on the picker, ready to try again.
    expect(await page.getByRole('radiogroup', { name: 'Choose a demo user' }).isVisible()).toBe(true);
  });
});
