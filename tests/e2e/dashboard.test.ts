// End to end in the tab, one stack and one browser: the DSL (Daniel Okafor) opens Compliance after Grace
// Mwangi's next session with Liam Doherty is booked, sees every supervisee with a status in words, filters
// and sorts the table, and reads sessions held against due as a chart and as a table. Liam, who has no app
// role, has no Compliance section and the server refuses him; Grace, a supervisor without app roles, sees
// where Liam stands under "My supervisees". Every screen gets an axe scan. Fictional people only. The
// assertions rest on the table's structure and the booked arrangement, not on any other seeded history.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, tokenFor } from '../support/api.js';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { formatDate } from '../../src/tab/time/london.js';
import { launchChromium } from './support/browser.js';
import { bookNextSession } from './support/book-next-session.js';
import { ensureTabBuilt } from './support/build-tab.js';
import { compliancePage } from './support/compliance-page.js';
import { expectAccessible, signIn, openTabPage } from './support/tab-page.js';

const DANIEL = 'a1000000-0000-4000-8000-000000000002';
const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';

const STATUS = /^(Overdue|Due soon|On track)/;

let stack: RunningStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let booked: { sessionId: string; start: string };
let pageErrors: string[] = [];

beforeAll(async () => {
  await ensureTabBuilt();
  // With the demo school's history, as `npm start` shows it: arrangements that began more than a year ago. (Begun
  // today, an arrangement owes nothing for a half term already past its middle, and the chart would be empty.)
  [stack, browser] = await Promise.all([startStack({ demoHistory: true }), launchChromium()]);
  booked = await bookNextSession(stack.app, GRACE, LIAM);
  ({ context, page, pageErrors } = await openTabPage(browser));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.app.idle();
  await stack?.stop();
});

function running(): RunningStack {
  if (!stack) throw new Error('beforeAll did not start the stack');
  return stack;
}

/** The chart (@fluentui/react-charts) moves focus through its bars with Tabster: scan once it is drawn, less Tabster's sentinels. */
async function expectAccessibleWithChart(on: Page, what: string): Promise<void> {
  await on.getByRole('figure').first().locator('svg').first().waitFor();
  expect(await on.locator('[data-tabster-dummy]').count(), `${what} has the chart's focus sentinels`).toBeGreaterThan(0);
  await expectAccessible(on, what, { exclude: '[data-tabster-dummy]' });
}

async function switchTo(name: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in as someone else' }).click();
  await signIn(page, name);
}

const { nav, supervisees, rowHeaders, rowOf, choose } = compliancePage(() => page);
const showing = () => page.getByRole('status').filter({ hasText: /^Showing \d+ supervisees? of \d+\.$/ });

describe('the compliance dashboard', () => {
  it('the DSL opens Compliance and sees every supervisee with a status in words', async () => {
    await page.goto(running().serverUrl);
    await signIn(page, 'Daniel Okafor');
    await nav().getByRole('link', { name: 'Compliance', exact: true }).click();
    await page.getByRole('heading', { name: 'Compliance', level: 2 }).waitFor();
    await supervisees().waitFor();

    const names = await rowHeaders().allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(names).toContain('Liam Doherty');
    // Every row's status is in words (the badge's colour is never the only cue), with what is due.
    const statusCells = supervisees().locator('tbody tr td:nth-of-type(5)');
    for (const text of await statusCells.allTextContents()) expect(text).toMatch(STATUS);

    // Liam's row: his supervisor, role and the session just booked.
    const liam = rowOf('Liam Doherty');
    const cells = await liam.getByRole('cell').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['Teaching assistant', 'Grace Mwangi', expect.any(String), formatDate(booked.start)]);
    expect(cells[4]).toMatch(STATUS);

    // The summary counts add up to the rows.
    const summary = page.getByRole('list', { name: 'Summary counts' });
    const count = async (label: string) =>
      Number(
        (
          await summary
            .getByRole('listitem')
            .filter({ hasText: new RegExp(`^\\d+${label}$`) })
            .textContent()
        )?.replace(/\D+$/, ''),
      );
    expect((await count('Overdue')) + (await count('Due soon')) + (await count('On track'))).toBe(names.length);
    expect(await showing().textContent()).toBe(`Showing ${names.length} supervisees of ${names.length}.`);
    await expectAccessibleWithChart(page, 'Compliance');
  });

  it('filters by supervisor and status change the rows', async () => {
    const all = (await rowHeaders().allTextContents()).length;
    const supervisorCells = () => supervisees().locator('tbody tr td:nth-of-type(2)').allTextContents();
    const statusCells = () => supervisees().locator('tbody tr td:nth-of-type(5)').allTextContents();

    await choose('Supervisor', 'Grace Mwangi');
    // Only Grace's supervisees are left (Liam among them), and fewer than before.
    await expect.poll(async () => [...new Set(await supervisorCells())]).toEqual(['Grace Mwangi']);
    const graces = await rowHeaders().allTextContents();
    expect(graces).toContain('Liam Doherty');
    expect(graces.length).toBeLessThan(all);
    expect(await showing().textContent()).toBe(`Showing ${graces.length} ${graces.length === 1 ? 'supervisee' : 'supervisees'} of ${all}.`);

    // A status Liam does not have takes him out; his own brings him back.
    const liamStatus = ((await rowOf('Liam Doherty').getByRole('cell').nth(4).textContent()) ?? '').match(STATUS)?.[1] as string;
    const other = ['Overdue', 'Due soon', 'On track'].find((s) => s !== liamStatus) as string;
    await choose('Status', other);
    await expect.poll(() => rowOf('Liam Doherty').count()).toBe(0);
    for (const text of await statusCells()) expect(text.startsWith(other)).toBe(true);
    await choose('Status', liamStatus);
    await rowOf('Liam Doherty').waitFor();
    for (const text of await statusCells()) expect(text.startsWith(liamStatus)).toBe(true);

    // By keyboard: the button goes away with the filters, and the focus stays with the filters (not lost to the page).
    await page.getByRole('button', { name: 'Clear the filters' }).press('Enter');
    await expect.poll(async () => (await rowHeaders().allTextContents()).length).toBe(all);
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: 'Filter the supervisees' })
          .evaluate((group) => group.contains(document.activeElement) && document.activeElement?.getAttribute('role') === 'combobox'),
      )
      .toBe(true);
  });

  it('sorting by a column changes the order and says so with aria-sort', async () => {
    const header = supervisees().getByRole('columnheader', { name: 'Supervisee', exact: true });
    const statusHeader = supervisees().getByRole('columnheader', { name: 'Status', exact: true });
    // The table starts worst first.
    expect(await statusHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await header.getAttribute('aria-sort')).toBeNull();

    const names = await rowHeaders().allTextContents();
    const ascending = [...names].sort((a, b) => a.localeCompare(b, 'en-GB'));
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    expect(await statusHeader.getAttribute('aria-sort')).toBeNull();
    expect(await rowHeaders().allTextContents()).toEqual(ascending);

    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    expect(await rowHeaders().allTextContents()).toEqual([...ascending].reverse());
  });

  it('shows sessions held against due as a chart with a table of the same numbers', async () => {
    const daniel = await tokenFor(running(), DANIEL);
    const reply = await callApi<{ windows: { schoolId: string; label: string; held: number; due: number }[]; schools: { id: string; name: string }[] }>(
      running(),
      daniel,
      'GET',
      '/api/compliance/dashboard',
    );
    expect(reply.status).toBe(200);
    expect(reply.body.windows.length, 'a half term has started since the arrangements began').toBeGreaterThan(0);

    // One chart per school when there are several, else one for all; each named, described and drawn as SVG,
    // with a table of the same numbers right below it.
    const schools = reply.body.schools;
    const groups =
      schools.length > 1
        ? schools.map((s) => ({ title: s.name, windows: reply.body.windows.filter((w) => w.schoolId === s.id) }))
        : [{ title: 'All supervision', windows: reply.body.windows }];
    for (const { title, windows } of groups.filter((g) => g.windows.length > 0)) {
      const chart = page.getByRole('figure', { name: title });
      await chart.locator('svg').first().waitFor();
      const description = await chart.locator('figcaption').textContent();
      for (const w of windows) expect(description).toContain(`${w.label}: ${w.held} held of ${w.due} due.`);

      const table = page.getByRole('region', { name: `${title}: held and due, as a table` }).getByRole('table');
      expect(await table.locator('caption').textContent()).toBe(`${title}: sessions held and due per half term`);
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
      expect(rows).toEqual(windows.map((w) => [w.label, String(w.held), String(w.due)]));
    }
    await expectAccessibleWithChart(page, 'Compliance, charts');
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR ?? '/tmp'}/dashboard-compliance.png`, fullPage: true }).catch(() => undefined);
    expect(pageErrors).toEqual([]);
  });

  it('Liam, a supervisee with no app role, has no Compliance and the server refuses him', async () => {
    await switchTo('Liam Doherty');
    await nav().getByRole('link', { name: 'My supervision' }).waitFor();
    expect(await nav().getByRole('link', { name: 'Compliance' }).count()).toBe(0);
    await page.goto(`${running().serverUrl}/compliance`);
    await signIn(page, 'Liam Doherty');
    await page.getByRole('heading', { name: 'Not available to you', level: 2 }).waitFor();
    const liam = await tokenFor(running(), LIAM);
    expect((await callApi(running(), liam, 'GET', '/api/compliance/dashboard')).status).toBe(403);
    await expectAccessible(page, 'Compliance, not allowed');
  });

  it('Grace, his supervisor, sees where Liam stands under My supervisees', async () => {
    await switchTo('Grace Mwangi');
    await nav().getByRole('link', { name: 'My supervision' }).click();
    await page.getByRole('heading', { name: 'My supervisees', level: 3 }).waitFor();
    const table = page.getByRole('region', { name: 'Where my supervisees stand' }).getByRole('table');
    const liam = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Liam Doherty', exact: true }) });
    // The heading shows before the rows arrive: wait for Liam's row, then read it.
    await liam.waitFor();
    const cells = await liam.getByRole('cell').allTextContents();
    expect(cells[1]).toBe(formatDate(booked.start));
    expect(cells[2]).toMatch(STATUS);
    expect(await nav().getByRole('link', { name: 'Compliance' }).count()).toBe(0);
    // A supervisor who is not the DSL sees her own supervisees' status only: the whole dashboard is refused.
    expect((await callApi(running(), await tokenFor(running(), GRACE), 'GET', '/api/compliance/dashboard')).status).toBe(403);
    await expectAccessible(page, 'My supervision with My supervisees');
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR ?? '/tmp'}/dashboard-my-supervisees.png`, fullPage: true }).catch(() => undefined);
    expect(pageErrors).toEqual([]);
  });
});
