// What the end-to-end tests do on the tab's pages: sign in as a demo user, check accessibility with axe.

import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * No axe violation with impact serious or critical (WCAG 2.1 A and AA rules). `exclude` leaves out elements
 * axe misjudges: Tabster's focus sentinels around a chart (`[data-tabster-dummy]`, aria-hidden and focusable
 * only to pass focus on) are a known false positive (microsoft/tabster#288).
 */
export async function expectAccessible(on: Page, what: string, options: { exclude?: string } = {}): Promise<void> {
  const axe = new AxeBuilder({ page: on }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (options.exclude ? axe.exclude(options.exclude) : axe).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
  expect(serious, `axe on ${what}`).toEqual([]);
  expect(results.passes.length, `axe ran its rules on ${what}`).toBeGreaterThan(10);
}

/** Signs in through the local dev sign-in picker as the demo user with this name. */
export async function signIn(on: Page, name: string): Promise<void> {
  await on.getByRole('radiogroup', { name: 'Choose a demo user' }).waitFor();
  await on.getByRole('radio', { name: new RegExp(name) }).check();
  await on.getByRole('button', { name: 'Sign in', exact: true }).click();
  await on.getByRole('heading', { name: new RegExp(`^Signed in as ${name}`) }).waitFor();
}

/**
 * A London, en-GB browser context at desktop size with one page for the tab: a 15 s default wait, and
 * every uncaught page error collected in `pageErrors` (tests expect it to stay empty).
 */
export async function openTabPage(browser: Browser, options: { acceptDownloads?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1280, height: 1000 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, pageErrors };
}

/**
 * The accessible description of a control or group: the text of what its aria-describedby names. With
 * `visibleOnly`, only messages a sighted person sees too (not a screen-reader-only hint).
 */
export function describedBy(control: Locator, options: { visibleOnly?: boolean } = {}): Promise<string> {
  return control.evaluate(
    (el, visibleOnly) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id))
        .filter((m): m is HTMLElement => m !== null && (!visibleOnly || m.checkVisibility()))
        .map((m) => m.textContent ?? '')
        .join(' '),
    options.visibleOnly === true,
  );
}
