// End to end on the first start, as `npm start` seeds it (startStack({ demoHistory: true })): a trust of two
// fictional schools with a year and a half of history and four things to catch. One stack and one browser:
// the DSL (Daniel Okafor) opens Compliance and sees each seeded case in the table (Marcus Bell overdue,
// Hannah Whitcombe's unsigned record, Liam Doherty's missing contract, the overdue decision from Daniel's own
// supervision); filtering by each school shows only that school's people; all schools and each school get a
// chart of sessions held against due with a table of the same numbers; he downloads the evidence pack for one
// school as CSV from the panel, and the file holds that school's people only; case detail without a reason is
// refused next to the field. Liam, a supervisee, has no Compliance and the server refuses him. Every state gets
// an axe scan. Fictional people only.

import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonParts } from '../../src/tab/time/london.js';
import { callApi, tokenFor } from '../support/api.js';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { launchChromium } from './support/browser.js';
import { ensureTabBuilt } from './support/build-tab.js';
import { compliancePage } from './support/compliance-page.js';
import { expectAccessible, signIn, openTabPage } from './support/tab-page.js';

const DANIEL = 'a1000000-0000-4000-8000-000000000002';
const LIAM = 'a1000000-0000-4000-8000-000000000008';

const OAKFIELD = { id: 'oakfield-academy', name: 'Oakfield Academy' };
const RIVERSIDE = { id: 'riverside-primary', name: 'Riverside Primary' };

interface Tally {
  schoolId: string;
  windowId: string;
  label: string;
  held: number;
  due: number;
}
interface DashboardReply {
  rows: { superviseeName: string; schoolId: string }[];
  windows: Tally[];
  schools: { id: string; name: string }[];
}

let stack: RunningStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let dashboard: DashboardReply;
let pageErrors: string[] = [];

beforeAll(async () => {
  await ensureTabBuilt();
  [stack, browser] = await Promise.all([startStack({ demoHistory: true }), launchChromium()]);
  const reply = await callApi<DashboardReply>(stack, await tokenFor(stack, DANIEL), 'GET', '/api/compliance/dashboard');
  if (reply.status !== 200) throw new Error(`the DSL's dashboard answered ${reply.status}`);
  dashboard = reply.body;
  ({ context, page, pageErrors } = await openTabPage(browser, { acceptDownloads: true }));
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

const { nav, supervisees, rowHeaders, rowOf, choose } = compliancePage(() => page);
/** A row's cells after the supervisee: role, supervisor, last, next, status, unsigned records, contract, actions, decisions. */
const cellsOf = async (name: string) => {
  expect(await rowOf(name).count(), `${name} has one row`).toBe(1);
  return rowOf(name).getByRole('cell').allTextContents();
};
const evidence = () => page.getByRole('region', { name: 'Evidence pack', exact: true });
const namesIn = (schoolId: string) => [...new Set(dashboard.rows.filter((r) => r.schoolId === schoolId).map((r) => r.superviseeName))].sort();
const sorted = (names: readonly string[]) => [...new Set(names)].sort();

/** Scans once every chart on the screen is drawn, less Tabster's focus sentinels around the charts (microsoft/tabster#288). */
async function expectAccessibleWithCharts(what: string): Promise<void> {
  const figures = page.getByRole('figure');
  await figures.first().locator('svg').first().waitFor();
  for (const figure of await figures.all()) await figure.locator('svg').first().waitFor();
  await expectAccessible(page, what, { exclude: '[data-tabster-dummy]' });
}

/** A chart named `title`, described by the numbers, with a table of the same numbers below it. */
async function expectChart(title: string, windows: readonly Tally[]): Promise<void> {
  const chart = page.getByRole('figure', { name: title, exact: true });
  await chart.locator('svg').first().waitFor();
  const description = await chart.locator('figcaption').textContent();
  for (const w of windows) expect(description).toContain(`${w.label}: ${w.held} held of ${w.due} due.`);
  const table = page.getByRole('region', { name: `${title}: held and due, as a table`, exact: true }).getByRole('table');
  expect(await table.locator('caption').textContent()).toBe(`${title}: sessions held and due per half term`);
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  expect(rows, title).toEqual(windows.map((w) => [w.label, String(w.held), String(w.due)]));
}

/** Every school's tallies added up per half term, in the server's order. */
function allSchools(windows: readonly Tally[]): Tally[] {
  const sums = new Map<string, Tally>();
  for (const w of windows) {
    const sum = sums.get(w.windowId);
    sums.set(w.windowId, sum ? { ...sum, held: sum.held + w.held, due: sum.due + w.due } : { ...w });
  }
  return [...sums.values()];
}

describe('the compliance dashboard on the first start', () => {
  it('the demo is a trust of two schools with people in each', () => {
    expect(dashboard.schools).toEqual([OAKFIELD, RIVERSIDE]);
    expect(namesIn(OAKFIELD.id)).toContain('Marcus Bell');
    expect(namesIn(RIVERSIDE.id)).toContain('Liam Doherty');
    expect(dashboard.windows.length, 'half terms have passed in the history').toBeGreaterThan(0);
  });

  it('the DSL sees each seeded case in the table', async () => {
    await page.goto(running().serverUrl);
    await signIn(page, 'Daniel Okafor');
    await nav().getByRole('link', { name: 'Compliance', exact: true }).click();
    await page.getByRole('heading', { name: 'Compliance', level: 2 }).waitFor();
    await supervisees().waitFor();
    expect(sorted(await rowHeaders().allTextContents())).toEqual(sorted(dashboard.rows.map((r) => r.superviseeName)));

    // Marcus Bell: nothing held for over four months and nothing booked.
    const marcus = await cellsOf('Marcus Bell');
    expect(marcus[1]).toBe('Daniel Okafor');
    expect(marcus[3]).toBe('None booked');
    expect(marcus[4]).toMatch(/^Overdue/);
    // Hannah Whitcombe has not signed her latest record.
    const hannah = await cellsOf('Hannah Whitcombe');
    expect(hannah[5]).toBe('1');
    // Liam Doherty has no contract after three sessions.
    const liam = await cellsOf('Liam Doherty');
    expect(liam[1]).toBe('Grace Mwangi');
    expect(liam[6]).toBe('Not signed, overdue');
    // A decision from Daniel's own supervision is not confirmed on the case system.
    const daniel = await cellsOf('Daniel Okafor');
    expect(daniel[8]).toMatch(/^1\s*\(1 overdue\)$/);
    // Those four are overdue (each for its own reason); the group at Riverside Primary is not.
    const overdue = await supervisees()
      .locator('tbody tr')
      .filter({ has: page.getByText('Overdue', { exact: true }) })
      .locator('th[scope="row"]')
      .allTextContents();
    expect(sorted(overdue)).toEqual(['Daniel Okafor', 'Hannah Whitcombe', 'Liam Doherty', 'Marcus Bell']);
    for (const name of ['Sophie Lindqvist', 'Tom Adeyemi', 'Grace Mwangi']) expect((await cellsOf(name))[4]).toMatch(/^(Due soon|On track)/);

    const summary = page.getByRole('list', { name: 'Summary counts' });
    const count = async (label: string) =>
      (
        await summary
          .getByRole('listitem')
          .filter({ hasText: new RegExp(`^\\d+${label}$`) })
          .textContent()
      )?.replace(/\D+$/, '');
    expect(await count('Overdue')).toBe('4');
    expect(await count('Records awaiting signature')).toBe('1');
    expect(await count('Decisions awaiting confirmation')).toBe('1');
    expect(await count('Contracts missing')).toBe('1');
    await expectAccessibleWithCharts('Compliance on the first start');
  });

  it('draws all schools together and each school, each chart with its table', async () => {
    await expectChart('All schools', allSchools(dashboard.windows));
    for (const school of dashboard.schools)
      await expectChart(
        school.name,
        dashboard.windows.filter((w) => w.schoolId === school.id),
      );
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR ?? '/tmp'}/dashboard-first-start.png`, fullPage: true }).catch(() => undefined);
  });

  it('filtering by each school shows only its people and its chart', async () => {
    for (const school of dashboard.schools) {
      await choose('School', school.name);
      await expect.poll(async () => sorted(await rowHeaders().allTextContents())).toEqual(namesIn(school.id));
      const other = dashboard.schools.find((s) => s.id !== school.id) as { id: string; name: string };
      for (const name of namesIn(other.id)) if (!namesIn(school.id).includes(name)) expect(await rowOf(name).count(), `${name} under ${school.name}`).toBe(0);
      await expectChart(
        school.name,
        dashboard.windows.filter((w) => w.schoolId === school.id),
      );
      expect(await page.getByRole('figure', { name: 'All schools', exact: true }).count()).toBe(0);
      expect(await page.getByRole('figure', { name: other.name, exact: true }).count()).toBe(0);
      await expectAccessibleWithCharts(`Compliance for ${school.name}`);
    }
    expect(namesIn(OAKFIELD.id)).toContain('Marcus Bell');
    expect(namesIn(RIVERSIDE.id)).not.toContain('Marcus Bell');
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await expect.poll(async () => (await rowHeaders().allTextContents()).length).toBe(dashboard.rows.length);
  });

  it('the DSL downloads the evidence pack for one school as CSV, and it holds only that school’s people', async () => {
    const panel = evidence();
    await panel.scrollIntoViewIfNeeded();
    // The last 12 months up to today (London).
    const today = londonParts(Date.now()).date;
    expect(await panel.getByLabel(/^To/).inputValue()).toBe(today);
    expect(await panel.getByLabel(/^From/).inputValue()).toMatch(new RegExp(`^${Number(today.slice(0, 4)) - 1}-`));
    // From the first of January last year: more than the default, less than the two-year limit.
    const from = `${Number(today.slice(0, 4)) - 1}-01-01`;
    await panel.getByLabel(/^From/).fill(from);
    await choose('Scope', OAKFIELD.name);
    await panel.getByRole('radio', { name: 'CSV (for a spreadsheet)' }).check();

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe(`evidence-pack_oakfield-academy_${from}_${today}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain(OAKFIELD.name);
    for (const name of namesIn(OAKFIELD.id)) expect(csv, name).toContain(name);
    const onlyRiverside = namesIn(RIVERSIDE.id).filter((n) => !namesIn(OAKFIELD.id).includes(n));
    expect(onlyRiverside).toContain('Liam Doherty');
    for (const name of onlyRiverside) expect(csv, name).not.toContain(name);
    expect(csv).not.toContain(RIVERSIDE.name);

    const saved = panel.getByRole('status');
    await expect
      .poll(() => saved.textContent())
      .toMatch(new RegExp(`^Saved evidence-pack_oakfield-academy_${from}_${today}\\.csv: the evidence pack for Oakfield Academy, .*CSV, without case detail\\.$`));
    await expectAccessibleWithCharts('Compliance, evidence pack downloaded');
  });

  it('case detail without a reason is refused next to the field', async () => {
    const panel = evidence();
    await panel.getByRole('checkbox', { name: 'Include case detail' }).check();
    await panel.getByRole('textbox', { name: /Why case detail is needed/ }).waitFor();
    expect(await panel.getByText(/your reason is recorded in the audit log/).count()).toBeGreaterThan(0);
    let downloads = 0;
    page.on('download', () => downloads++);
    await panel.getByRole('button', { name: 'Download', exact: true }).click();
    const reason = panel.getByRole('textbox', { name: /Why case detail is needed/ });
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    expect(await panel.getByText(/^Say why case detail is needed \(5 to 200 characters\)/).count()).toBe(1);
    expect(await panel.getByRole('alert').textContent()).toMatch(/not downloaded: fix the fields marked/);
    expect(await panel.getByRole('status').textContent()).toBe('');
    expect(downloads).toBe(0);
    // Focus is on the field to fix.
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await panel.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR ?? '/tmp'}/dashboard-evidence-pack.png` }).catch(() => undefined);
    await expectAccessibleWithCharts('Compliance, case detail without a reason');
    expect(pageErrors).toEqual([]);
  });

  it('Liam, a supervisee, has no Compliance and the server refuses him the dashboard and the evidence pack', async () => {
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signIn(page, 'Liam Doherty');
    await nav().getByRole('link', { name: 'My supervision' }).waitFor();
    expect(await nav().getByRole('link', { name: 'Compliance' }).count()).toBe(0);
    await page.goto(`${running().serverUrl}/compliance`);
    await signIn(page, 'Liam Doherty');
    await page.getByRole('heading', { name: 'Not available to you', level: 2 }).waitFor();
    expect(await page.getByRole('region', { name: 'Evidence pack', exact: true }).count()).toBe(0);
    const liam = await tokenFor(running(), LIAM);
    expect((await callApi(running(), liam, 'GET', '/api/compliance/dashboard')).status).toBe(403);
    const today = londonParts(Date.now()).date;
    expect((await callApi(running(), liam, 'GET', `/api/compliance/evidence-pack?from=${today}&to=${today}&format=csv`)).status).toBe(403);
    await expectAccessible(page, 'Compliance, not allowed');
    expect(pageErrors).toEqual([]);
  });
});
