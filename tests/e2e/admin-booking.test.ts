// End to end, one stack and one browser for the whole file: the safeguarding admin checks the school
// year, makes arrangements (one the supervision grid refuses, one it allows), books the year with a
// moved session, and Outlook meeting requests reach every member of the group with no case detail;
// then a supervisee postpones one of her sessions within the working week. Also: the meeting
// invitation's deep link, and the navigation at Teams' narrowest width. Every screen gets an axe scan.

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../src/bot/graph/graph-client.js';
import { localAppConnection } from '../../tools/m365-emulator/src/index.js';
import { formatTimeRange } from '../../src/tab/time/london.js';
import { callApi, tokenFor } from '../support/api.js';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { launchChromium } from './support/browser.js';
import { describedBy, expectAccessible, signIn } from './support/tab-page.js';
import { ensureTabBuilt } from './support/build-tab.js';

// The fictional demo school (tools/m365-emulator/src/seed/demo-school.ts).
const HANNAH = 'a1000000-0000-4000-8000-000000000003';
const SOPHIE = 'a1000000-0000-4000-8000-000000000005';
const TOM = 'a1000000-0000-4000-8000-000000000006';
const GRACE = 'a1000000-0000-4000-8000-000000000007';
const GROUP_TITLE = 'Hannah Whitcombe with Sophie Lindqvist, Tom Adeyemi, Grace Mwangi';

let stack: RunningStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  await ensureTabBuilt();
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

function running(): { stack: RunningStack; browser: Browser } {
  if (!stack || !browser) throw new Error('beforeAll did not start the stack and the browser');
  return { stack, browser };
}

/** Follows a link in the navigation; the new screen's heading receives focus. */
async function openSection(on: Page, name: string): Promise<Locator> {
  await on.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
  const heading = on.getByRole('heading', { level: 2, name, exact: true });
  await heading.waitFor();
  await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
  return heading;
}

async function choosePerson(on: Page, field: string, name: string): Promise<void> {
  const box = on.getByRole('combobox', { name: field, exact: true });
  await box.fill(name.split(' ')[0] ?? name);
  await on.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  await expect.poll(() => box.inputValue()).toBe(name);
}

/** A school's term-dates feed for 2028/29 (terms and holidays as all-day ranges), optionally with an INSET day in half term. */
function termDatesIcs(insetInHalfTerm: boolean): string {
  const allDay = (summary: string, start: string, endExclusive: string) =>
    [
      'BEGIN:VEVENT',
      `UID:${summary}-${start}@oakfield.example`,
      'DTSTAMP:20280101T000000Z',
      `DTSTART;VALUE=DATE:${start.replaceAll('-', '')}`,
      `DTEND;VALUE=DATE:${endExclusive.replaceAll('-', '')}`,
      `SUMMARY:${summary}`,
      'END:VEVENT',
    ].join('\r\n');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Oakfield Academy//Term dates//EN',
    allDay('Autumn Term', '2028-09-04', '2028-12-21'),
    allDay('Autumn Half Term', '2028-10-28', '2028-11-06'),
    allDay('Christmas Holidays', '2028-12-21', '2029-01-08'),
    allDay('Spring Term', '2029-01-08', '2029-03-30'),
    allDay('Spring Half Term', '2029-02-10', '2029-02-19'),
    allDay('Easter Holidays', '2029-03-30', '2029-04-16'),
    allDay('Summer Term', '2029-04-16', '2029-07-21'),
    allDay('Summer Half Term', '2029-05-26', '2029-06-04'),
    allDay('INSET Day', '2028-09-04', '2028-09-05'),
    ...(insetInHalfTerm ? [allDay('INSET Day', '2028-10-30', '2028-10-31')] : []),
    'END:VCALENDAR',
  ].join('\r\n');
}

/** The browser's short name for a month in en-GB ('Sep' or 'Sept', depending on its ICU data). */
function monthShort(on: Page, month: number): Promise<string> {
  return on.evaluate((m) => new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2028, m - 1, 15))), month);
}

let groupSessionIds: string[] = [];
let postponed: { sessionId: string; start: string; end: string } | undefined;

describe('the safeguarding admin books the year (plain browser)', () => {
  it('opens the School year and sees each year, with server problems next to the date they are about', async () => {
    const { stack } = running();
    await page.goto(stack.serverUrl);
    await signIn(page, 'Priya Shah');
    // Only the admin and leads see the booking screens.
    const nav = page.getByRole('navigation', { name: 'Sections' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['School year', 'Arrangements', 'Book the year', 'My supervision', "Everyone's sessions", 'Compliance']);

    await openSection(page, 'School year');
    expect(await page.getByRole('heading', { name: '2026/27', level: 3 }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: '2027/28', level: 3 }).isVisible()).toBe(true);
    expect(await page.getByText('2025/26 (ended)').isVisible()).toBe(true);
    expect(await page.getByLabel('Autumn 1 starts (2026/27)').inputValue()).toBe('2026-09-01');
    expect(await page.getByLabel('Summer 2 ends (2027/28)').inputValue()).toBe('2028-07-21');
    await expectAccessible(page, 'School year');

    // Removing a day by keyboard: the focus goes to that list's Add button, not lost to the page.
    const addInset = page.getByRole('button', { name: 'Add an INSET day to 2026/27' });
    await addInset.click();
    await page
      .getByRole('button', { name: /^Remove INSET day \d+ \(2026\/27\)$/ })
      .last()
      .press('Enter');
    await expect.poll(() => addInset.evaluate((el) => el === document.activeElement)).toBe(true);

    // Spring 1 2026/27 ending before it starts: the server names calendar.years[1].halfTerms[2].end.
    const spring1End = page.getByLabel('Spring 1 ends (2026/27)');
    await spring1End.fill('2027-01-01');
    await page.getByRole('button', { name: 'Save the school year' }).click();
    await page
      .getByRole('alert')
      .getByText(/The school year was not saved/)
      .waitFor();
    expect(await spring1End.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(spring1End)).toMatch(/Spring 1 ends before it starts/);
    await expectAccessible(page, 'School year with a problem');
    // Put it back; leaving the screen discards the unsaved change anyway.
    await spring1End.fill('2027-02-12');
    expect(await spring1End.getAttribute('aria-invalid')).not.toBe('true');

    // Import 2028/29 from an .ics file: a date problem is shown in the preview; a good file is previewed, added and saved.
    const file = page.getByLabel('Term dates file (.ics)');
    await file.setInputFiles({ name: 'term-dates.ics', mimeType: 'text/calendar', buffer: Buffer.from(termDatesIcs(true)) });
    // The year is still previewed, with the problem shown in it.
    await page
      .getByRole('region', { name: 'Preview: 2028/29' })
      .getByText(/INSET day 2028-10-30 is not inside a half term/)
      .waitFor();
    // Discarding it by keyboard: the preview goes, the focus goes back to the file input (not lost to
    // the page), and the input is empty so the same file can be chosen again.
    await page.getByRole('button', { name: 'Discard' }).press('Enter');
    await expect.poll(() => page.getByRole('region', { name: 'Preview: 2028/29' }).count()).toBe(0);
    expect(await file.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await file.inputValue()).toBe('');
    // A year typed that the dates are not in (it would replace that year) is refused by the field.
    const yearLabel = page.getByLabel('Academic year (optional)');
    await yearLabel.fill('2027/28');
    await file.setInputFiles({ name: 'term-dates.ics', mimeType: 'text/calendar', buffer: Buffer.from(termDatesIcs(false)) });
    await page.getByText('The year labelled 2027/28 starts on 2028-09-04: label it 2028/29.').first().waitFor();
    expect(await yearLabel.getAttribute('aria-invalid')).toBe('true');
    await yearLabel.fill('');
    await file.setInputFiles({ name: 'term-dates.ics', mimeType: 'text/calendar', buffer: Buffer.from(termDatesIcs(false)) });
    const preview = page.getByRole('region', { name: 'Half terms read from the file (2028/29)' });
    await preview.waitFor();
    expect(await preview.getByRole('row').nth(1).textContent()).toBe('Autumn 1Mon 4 Sept 2028Fri 27 Oct 2028'.replace('Sept', await monthShort(page, 9)));
    await expectAccessible(page, 'School year, .ics preview');
    await page.getByRole('button', { name: 'Add this year' }).click();
    const added = page.getByRole('heading', { name: '2028/29', level: 3 });
    await added.waitFor();
    expect(await added.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Summer 2 ends (2028/29)').inputValue()).toBe('2029-07-20');
    await page.getByRole('button', { name: 'Save the school year' }).click();
    await page.getByRole('status').getByText('The school year is saved. New bookings use these dates.').waitFor();
    expect(await page.getByText('Saved.', { exact: true }).isVisible()).toBe(true);
  });

  it("edits the trust's schools by keyboard: the focus stays on a moved school's name, and moves to the new name's field after a removal", async () => {
    const newName = page.getByLabel('New school’s name');
    for (const name of ['Brookside Infants', 'Meadow Lane Primary']) {
      await newName.fill(name);
      await newName.press('Enter');
      await page.getByRole('status').getByText(`${name} added to the list.`, { exact: false }).waitFor();
    }
    await page.getByRole('button', { name: 'Move up: Meadow Lane Primary' }).press('Enter');
    await page
      .getByRole('status')
      .getByText(/^Meadow Lane Primary is now school 1 of 2\./)
      .waitFor();
    // Its name field keeps the focus, in its new place (the Move up button that had it is gone: it is first now).
    await expect.poll(() => page.getByLabel('Name of school 1').evaluate((el) => el === document.activeElement && (el as HTMLInputElement).value)).toBe('Meadow Lane Primary');
    await expectAccessible(page, "School year, the trust's schools");
    // A Remove button goes with its row: the focus moves to the new school's name field.
    for (const name of ['Meadow Lane Primary', 'Brookside Infants']) {
      await page.getByRole('button', { name: `Remove ${name}` }).press('Enter');
      await expect.poll(() => newName.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    // Back as it was (no schools: once saved, the first school holds every arrangement with none chosen, and cannot be removed).
    await page.getByRole('button', { name: 'Save the trust’s schools' }).click();
    await page
      .getByRole('status')
      .getByText(/^Saved: the trust has no schools/)
      .waitFor();
  });

  it('after a failed load, "Try again" keeps the focus: on the button if it fails again, on the heading once loaded', async () => {
    let failures = 2;
    await page.route('**/api/arrangements', (route) =>
      route.request().method() === 'GET' && failures-- > 0
        ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'Something went wrong.' }) })
        : route.fallback(),
    );
    try {
      await openSection(page, 'Arrangements');
      const list = page.getByRole('region', { name: 'Current arrangements' });
      const retry = list.getByRole('button', { name: 'Try again' });
      await retry.waitFor();
      const failedAgain = page.waitForResponse((r) => r.url().endsWith('/api/arrangements') && r.request().method() === 'GET');
      await retry.press('Enter');
      await failedAgain;
      await retry.waitFor();
      await expect.poll(() => retry.evaluate((el) => el === document.activeElement)).toBe(true);

      await retry.press('Enter');
      await page.getByRole('region', { name: 'List of arrangements' }).getByRole('row').nth(1).waitFor();
      const heading = list.getByRole('heading', { name: 'Current arrangements' });
      await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    } finally {
      await page.unroute('**/api/arrangements');
    }
    await openSection(page, 'School year');
  });

  it('makes arrangements: a pairing the grid forbids shows the reason by the field; an allowed one is made', async () => {
    await openSection(page, 'Arrangements');
    const table = page.getByRole('region', { name: 'List of arrangements' });
    await table.getByRole('row').nth(1).waitFor();
    expect(await table.getByRole('row').count()).toBe(1 + 5);

    const form = page.getByRole('form', { name: 'New arrangement' });
    // Removing a supervisee by keyboard: the focus goes to "Add another supervisee", not lost to the page.
    const addSupervisee = form.getByRole('button', { name: 'Add another supervisee' });
    await addSupervisee.click();
    await form.getByRole('button', { name: 'Remove supervisee 2' }).press('Enter');
    await expect.poll(() => form.getByRole('button', { name: 'Remove supervisee 2' }).count()).toBe(0);
    await expect.poll(() => addSupervisee.evaluate((el) => el === document.activeElement)).toBe(true);

    // A problem about the supervisees as a whole: under their group, read with it, and styled as a problem.
    const supervisees = form.getByRole('group', { name: 'Supervisees' });
    expect(await supervisees.getAttribute('aria-describedby')).toBeNull();
    await choosePerson(page, 'Supervisor', 'Sophie Lindqvist');
    await form.getByLabel("Supervisor's role").selectOption({ label: 'Head of year' });
    await choosePerson(page, 'Supervisee', 'Sophie Lindqvist');
    const superviseeRole = form.getByLabel("Supervisee's role");
    await superviseeRole.selectOption({ label: 'Teaching assistant' });
    await form.getByRole('button', { name: 'Make arrangement' }).click();
    await page
      .getByRole('alert')
      .getByText(/Sophie Lindqvist cannot supervise themselves/)
      .waitFor();
    expect(await describedBy(supervisees, { visibleOnly: true })).toMatch(/Sophie Lindqvist cannot supervise themselves: choose another supervisor/);
    const colour = await supervisees.evaluate((el) => getComputedStyle(document.getElementById(el.getAttribute('aria-describedby') ?? '') ?? el).color);
    const textColour = await supervisees.evaluate((el) => getComputedStyle(el.querySelector('legend') ?? el).color);
    expect(colour).not.toBe(textColour);

    await choosePerson(page, 'Supervisee', 'Hannah Whitcombe');
    await superviseeRole.selectOption({ label: 'Deputy DSL' });
    await form.getByRole('button', { name: 'Make arrangement' }).click();

    await page
      .getByRole('alert')
      .getByText(/A head of year may not supervise a deputy DSL/)
      .waitFor();
    expect(await superviseeRole.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(superviseeRole)).toMatch(/Hannah Whitcombe: A head of year may not supervise a deputy DSL/);
    await expectAccessible(page, 'Arrangements with a refused pairing');

    await choosePerson(page, 'Supervisor', 'Marcus Bell');
    await form.getByLabel("Supervisor's role").selectOption({ label: 'Deputy DSL' });
    await choosePerson(page, 'Supervisee', 'Liam Doherty');
    await superviseeRole.selectOption({ label: 'Teaching assistant' });
    expect(await superviseeRole.getAttribute('aria-invalid')).not.toBe('true');
    await form.getByRole('button', { name: 'Make arrangement' }).click();

    await page.getByRole('status').getByText('Arrangement made: Marcus Bell with Liam Doherty.').waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(1 + 6);
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /Marcus Bell/ }) })
      .filter({ hasText: 'Liam Doherty' });
    expect(await row.textContent()).toMatch(/Individual.*Once each half term.*1 h/);

    // The same arrangement again: refused, naming the one there is; nothing is added.
    await choosePerson(page, 'Supervisor', 'Marcus Bell');
    await form.getByLabel("Supervisor's role").selectOption({ label: 'Deputy DSL' });
    await choosePerson(page, 'Supervisee', 'Liam Doherty');
    await superviseeRole.selectOption({ label: 'Teaching assistant' });
    await form.getByRole('button', { name: 'Make arrangement' }).click();
    await page
      .getByRole('alert')
      .getByText(/Marcus Bell with Liam Doherty is already an arrangement/)
      .waitFor();
    expect(await table.getByRole('row').count()).toBe(1 + 6);
    await expectAccessible(page, 'Arrangements: the same arrangement again');
  });

  it('changes an arrangement (PATCH): length and cadence', async () => {
    await page.getByRole('button', { name: 'Change Marcus Bell with Liam Doherty' }).click();
    const heading = page.getByRole('heading', { name: 'Change Marcus Bell with Liam Doherty' });
    await heading.waitFor();
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Length (minutes)').first().fill('45');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByRole('status')
      .getByText(/Saved the changes to Marcus Bell with Liam Doherty/)
      .waitFor();
    const row = page.getByRole('region', { name: 'List of arrangements' }).getByRole('row').filter({ hasText: 'Liam Doherty' }).filter({ hasText: 'Marcus Bell' });
    await expect.poll(() => row.textContent()).toMatch(/45 min/);
    // The panel closed: focus is back on the row's Change button, not lost to the page.
    const change = page.getByRole('button', { name: 'Change Marcus Bell with Liam Doherty' });
    await expect.poll(() => change.evaluate((el) => el === document.activeElement)).toBe(true);

    // Cancel gives the focus back the same way.
    await change.press('Enter');
    await heading.waitFor();
    await page.getByRole('button', { name: 'Cancel', exact: true }).press('Enter');
    await expect.poll(() => change.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('previews 2026/27 for all arrangements, moves a session in London time, books, and sees the summary', async () => {
    await openSection(page, 'Book the year');
    expect(await page.getByLabel('Academic year').inputValue()).toBe('2026/27');
    expect(await page.getByRole('radio', { name: 'All active arrangements (6)' }).isChecked()).toBe(true);
    await expectAccessible(page, 'Book the year, step 1');
    await page.getByRole('button', { name: 'Preview the dates' }).click();

    await page.getByRole('heading', { name: 'Step 2 of 3: Check the dates' }).waitFor();
    await page.getByText(/^2026\/27: \d+ to book, 0 already booked/).waitFor();
    // The group (2 hours) has a proposed session for each remaining half term.
    const group = page.getByRole('region', { name: `Proposed sessions: ${GROUP_TITLE}` });
    expect(await page.getByRole('heading', { name: GROUP_TITLE, level: 4 }).isVisible()).toBe(true);
    for (const half of ['Autumn 2', 'Spring 1', 'Spring 2', 'Summer 1', 'Summer 2']) {
      const row = group.getByRole('row').filter({ has: page.getByRole('rowheader', { name: half, exact: true }) });
      expect(await row.textContent(), half).toMatch(/To book/);
    }
    for (const title of [
      'Daniel Okafor with Marcus Bell',
      'Daniel Okafor with Hannah Whitcombe',
      'Rachel Fairbrother with Daniel Okafor',
      'Grace Mwangi with Liam Doherty',
      'Marcus Bell with Liam Doherty',
    ]) {
      expect(await page.getByRole('heading', { name: title, level: 4 }).isVisible(), title).toBe(true);
    }
    await expectAccessible(page, 'Book the year, preview');

    // Move Summer 1 for Marcus with Liam to Tue 4 May 2027, 10:00 London time (BST: 09:00 UTC).
    const marcus = page.getByRole('region', { name: 'Proposed sessions: Marcus Bell with Liam Doherty' });
    await marcus.getByRole('button', { name: 'Move Summer 1' }).click();
    const newStart = page.getByLabel('New start for Summer 1 (UK time)');
    await newStart.fill('2027-05-04T10:00');
    await page.getByRole('button', { name: 'Check this time' }).click();
    const summer1 = marcus.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Summer 1', exact: true }) });
    await expect.poll(() => summer1.textContent()).toMatch(/Tue 4 May 2027, 10:00–10:45.*Moved by you/);
    // The editor closed: focus is back on that row's Move button, not lost to the page.
    const isFocused = (el: Element) => el === document.activeElement;
    await expect.poll(() => marcus.getByRole('button', { name: 'Move Summer 1' }).evaluate(isFocused)).toBe(true);

    // Cancel gives the focus back the same way.
    await marcus.getByRole('button', { name: 'Move Spring 2' }).click();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => marcus.getByRole('button', { name: 'Move Spring 2' }).evaluate(isFocused)).toBe(true);

    // A Saturday is refused, with the server's reason against the session.
    await marcus.getByRole('button', { name: 'Move Spring 2' }).click();
    await page.getByLabel('New start for Spring 2 (UK time)').fill('2027-02-27T10:00');
    await page.getByRole('button', { name: 'Check this time' }).click();
    const spring2 = marcus.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Spring 2', exact: true }) });
    await expect.poll(() => spring2.textContent()).toMatch(/Your time was not used: Sat 2027-02-27 is a weekend/);
    await page
      .getByRole('alert')
      .getByText(/is a weekend/)
      .waitFor();

    // Undoing the refused move gives the focus to that row's Move button (the Undo button goes away),
    // and the refusal is no longer shown as a problem.
    await marcus.getByRole('button', { name: 'Undo the move of Spring 2' }).press('Enter');
    await expect.poll(() => spring2.textContent()).not.toMatch(/Your time was not used/);
    await expect.poll(() => marcus.getByRole('button', { name: 'Move Spring 2' }).evaluate(isFocused)).toBe(true);
    expect(
      await page
        .getByRole('alert')
        .getByText(/is a weekend/)
        .count(),
    ).toBe(0);

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Step 3 of 3: Book in Outlook' }).waitFor();
    const bookButton = page.getByRole('button', { name: /^Book \d+ sessions$/ });
    const toBook = Number((await bookButton.textContent())?.match(/\d+/)?.[0]);
    expect(toBook).toBeGreaterThan(20);

    const progressSeen = page.getByRole('progressbar').waitFor();
    await bookButton.click();
    await progressSeen;
    const bar = page.getByRole('progressbar');
    if (await bar.count()) {
      expect(await bar.getAttribute('aria-valuemax')).toBe(String(toBook));
      expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
      expect(await page.getByText(new RegExp(`^\\d+ of ${toBook} booked`)).count()).toBe(1);
    }

    await page.getByRole('heading', { name: 'Booking finished' }).waitFor({ timeout: 60_000 });
    const summary = page.getByRole('definition');
    const [booked, alreadyBooked, failed] = (await summary.allTextContents()).map(Number);
    expect(booked).toBe(toBook);
    expect(alreadyBooked).toBe(0);
    expect(failed).toBe(0);
    expect(await page.getByRole('button', { name: 'Retry the failed ones' }).count()).toBe(0);
    await page.getByRole('status').getByText(`Booking finished: ${toBook} booked, 0 already booked, 0 failed.`).waitFor();
    await expectAccessible(page, 'Book the year, summary');
  });

  it('sent every member of the group a neutral meeting request in their own calendar', async () => {
    const { stack } = running();
    const graph = createGraphClient(localAppConnection(stack.emulator));
    type GraphEvent = {
      iCalUId: string;
      subject: string;
      isOrganizer: boolean;
      isCancelled: boolean;
      body: { contentType: string; content: string };
      attendees: { emailAddress: { address: string } }[];
    };
    type Page = { value: GraphEvent[]; '@odata.nextLink'?: string };
    const calendar = async (userId: string): Promise<GraphEvent[]> => {
      let page = (await graph.api(`/users/${userId}/calendarView`).query({ startDateTime: '2026-12-01T00:00:00Z', endDateTime: '2027-08-01T00:00:00Z' }).top(100).get()) as Page;
      const events = [...page.value];
      while (page['@odata.nextLink']) {
        page = (await graph.api(page['@odata.nextLink']).get()) as Page;
        events.push(...page.value);
      }
      return events;
    };

    const organised = (await calendar(HANNAH)).filter((e) => e.isOrganizer && e.attendees.some((a) => a.emailAddress.address.startsWith('sophie.')));
    expect(organised.length).toBe(5); // Autumn 2 to Summer 2

    for (const attendee of [SOPHIE, TOM, GRACE]) {
      const events = await calendar(attendee);
      for (const meeting of organised) {
        const copy = events.find((e) => e.iCalUId === meeting.iCalUId);
        expect(copy, `${attendee} has the meeting request`).toBeDefined();
        if (!copy) continue;
        expect(copy.isOrganizer).toBe(false);
        expect(copy.isCancelled).toBe(false);
        expect(copy.subject).toBe('Safeguarding supervision');
        // Only the neutral text and one link to the session in the app.
        const text = copy.body.content
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim();
        expect(text).toBe('Safeguarding supervision. Agenda, records and changes: open the session in the Safeguarding Supervision app .');
        const links = [...copy.body.content.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
        expect(links).toHaveLength(1);
        expect(links[0]).toMatch(new RegExp(`^${stack.serverUrl}/sessions/[^/]+$`));
        for (const word of [/agenda item/i, /concern/i, /\bcase\b/i, /\bchild/i, /\bpupil/i, /CPOMS/i, /MyConcern/i]) {
          expect(`${copy.subject} ${text}`).not.toMatch(word);
        }
      }
    }

    const admin = await tokenFor(stack, 'a1000000-0000-4000-8000-000000000001');
    const everyone = await callApi<{ sessions: { session: { id: string }; arrangement: { supervisees: { id: string }[] } }[] }>(
      stack,
      admin,
      'GET',
      '/api/sessions?scope=everyone',
    );
    groupSessionIds = everyone.body.sessions.filter((s) => s.arrangement.supervisees.length === 3).map((s) => s.session.id);
    expect(groupSessionIds).toHaveLength(5);
  });
});

describe('a supervisee postpones a session', () => {
  it('lists her sessions on My supervision, upcoming and past', async () => {
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signIn(page, 'Sophie Lindqvist');
    // She is on /book, which is not hers; the navigation offers only her own supervision.
    await page.getByRole('heading', { name: 'Not available to you', level: 2 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents()).toEqual(['My supervision']);

    await openSection(page, 'My supervision');
    const upcoming = page.getByRole('list', { name: 'Upcoming sessions' });
    await upcoming.waitFor();
    expect(await upcoming.getByRole('listitem').count()).toBe(5);
    expect(await page.getByRole('heading', { name: 'Past (0)' }).isVisible()).toBe(true);
    expect(await upcoming.getByRole('listitem').first().textContent()).toMatch(
      /Autumn 2 2026\/27 · Hannah Whitcombe with Sophie Lindqvist, Tom Adeyemi and Grace Mwangi · You are supervised.*Booked/,
    );
    await expectAccessible(page, 'My supervision');
  });

  it('opens a session and postpones it to a time inside the working-week window', async () => {
    const { stack } = running();
    const upcoming = page.getByRole('list', { name: 'Upcoming sessions' });
    const link = upcoming.getByRole('link').first();
    const sessionId = decodeURIComponent((await link.getAttribute('href'))?.split('/').pop() ?? '');
    expect(groupSessionIds).toContain(sessionId);
    await link.click();

    const heading = page.getByRole('heading', { name: 'Supervision session', level: 2 });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    const sophie = await tokenFor(stack, SOPHIE);
    const before = await callApi<{ session: { start: string; end: string }; canCancel: boolean }>(stack, sophie, 'GET', `/api/sessions/${encodeURIComponent(sessionId)}`);
    const when = page.getByRole('definition').first();
    expect(await when.textContent()).toBe(`${formatTimeRange(before.body.session.start, before.body.session.end)} (UK time)`);
    // A supervisee may postpone but not cancel.
    expect(before.body.canCancel).toBe(false);
    expect(await page.getByRole('button', { name: 'Cancel session' }).count()).toBe(0);
    await expectAccessible(page, 'Session');

    await page.getByRole('button', { name: 'Postpone' }).click();
    const times = page.getByRole('radiogroup', { name: 'New time' });
    await times.waitFor();

    // The same candidates the API offers, each within the window: not before the original day, not after the deadline.
    type Alternatives = {
      kind: 'candidates';
      window: { from: string; deadline: string; explanation: string };
      candidates: { slot: { start: string; end: string; date: string } }[];
    };
    const alternatives = (await callApi<Alternatives>(stack, sophie, 'GET', `/api/sessions/${encodeURIComponent(sessionId)}/alternatives`)).body;
    expect(alternatives.kind).toBe('candidates');
    expect(alternatives.candidates.length).toBeGreaterThan(0);
    const originalDate = before.body.session.start.slice(0, 10);
    for (const c of alternatives.candidates) {
      expect(c.slot.date >= originalDate && c.slot.date >= alternatives.window.from, c.slot.date).toBe(true);
      expect(c.slot.date <= alternatives.window.deadline, c.slot.date).toBe(true);
    }
    expect(await page.getByText(alternatives.window.explanation, { exact: false }).count()).toBeGreaterThan(0);
    const radios = times.getByRole('radio');
    expect(await radios.count()).toBe(alternatives.candidates.length);
    for (const [i, c] of alternatives.candidates.entries()) {
      expect(await radios.nth(i).getAttribute('value')).toBe(c.slot.start);
      expect(await page.locator(`label[for="${await radios.nth(i).getAttribute('id')}"]`).textContent()).toContain(formatTimeRange(c.slot.start, c.slot.end));
    }
    await expectAccessible(page, 'Postpone');

    const chosen = alternatives.candidates[Math.min(1, alternatives.candidates.length - 1)];
    if (!chosen) throw new Error('no candidate');
    await radios.nth(alternatives.candidates.indexOf(chosen)).check();
    await page.getByLabel('Reason').selectOption({ label: 'Illness or absence' });
    const note = page.getByLabel('Note (optional)');
    expect(await describedBy(note)).toMatch(/No case detail/);
    await note.fill('covering a lesson');
    await page.getByRole('button', { name: 'Postpone to this time' }).click();

    const newTime = formatTimeRange(chosen.slot.start, chosen.slot.end);
    await page.getByRole('status').getByText(`The session is moved to ${newTime}. Everyone gets an updated meeting request.`).waitFor();
    expect(await when.textContent()).toBe(`${newTime} (UK time)`);
    expect(await page.getByText('Postponed once').isVisible()).toBe(true);
    expect(
      await page
        .getByRole('listitem')
        .filter({ hasText: /illness or absence \(“covering a lesson”\)/ })
        .count(),
    ).toBe(1);

    const after = await callApi<{ session: { start: string } }>(stack, sophie, 'GET', `/api/sessions/${encodeURIComponent(sessionId)}`);
    expect(after.body.session.start).toBe(chosen.slot.start);
    postponed = { sessionId, start: chosen.slot.start, end: chosen.slot.end };
  });

  it("opens the session from the meeting invitation's link after sign-in", async () => {
    const { stack, browser } = running();
    if (!postponed) throw new Error('the postponement test did not run');
    const invitation = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
    try {
      const tab = await invitation.newPage();
      await tab.goto(`${stack.serverUrl}/sessions/${encodeURIComponent(postponed.sessionId)}`);
      await signIn(tab, 'Sophie Lindqvist');
      await tab.getByRole('heading', { name: 'Supervision session', level: 2 }).waitFor();
      await tab.getByText(`${formatTimeRange(postponed.start, postponed.end)} (UK time)`).waitFor();
      expect(new URL(tab.url()).pathname).toBe(`/sessions/${encodeURIComponent(postponed.sessionId)}`);
      expect(await tab.title()).toBe('Session – Safeguarding supervision');
    } finally {
      await invitation.close();
    }
  });

  it("keeps the navigation reachable at Teams' narrowest width (320 px)", async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    // A supervisee has one section: it stays in view, no menu to open.
    expect(await page.getByRole('button', { name: 'Menu' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'My supervision' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await signIn(page, 'Priya Shah');
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    const nav = page.getByRole('navigation', { name: 'Sections' });
    expect(await nav.getByRole('link', { name: 'Book the year' }).isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    for (const name of ['School year', 'Arrangements', 'Book the year', 'My supervision', "Everyone's sessions", 'Compliance']) {
      expect(await nav.getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
    }
    await expectAccessible(page, 'navigation open at 320 px');

    await openSection(page, "Everyone's sessions");
    // The menu folds again after choosing.
    expect(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe('false');
    await page.getByRole('heading', { name: GROUP_TITLE.replace(/, Grace/, ' and Grace'), level: 3 }).waitFor();
    // Nothing wider than the screen but the tables' own scrolling regions.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page, "Everyone's sessions at 320 px");
    // Nobody has the app in this run: the admin sees who the bot cannot reach, and can send due reminders now.
    const unreachable = page.getByRole('list', { name: 'People the bot cannot reach' });
    await unreachable.waitFor();
    expect(await unreachable.getByRole('listitem').allTextContents()).toContain('Liam Doherty');
    await page.getByRole('button', { name: 'Send due reminders now' }).click();
    await page
      .getByRole('status')
      .getByText(/^(No reminders are due now\.|Reminders: 0 sent, 0 sent before, \d+ not reachable\.)$/)
      .waitFor();

    // The admin cancels a session, confirming in a dialog with a reason.
    await page.getByRole('list', { name: 'Sessions: Daniel Okafor with Marcus Bell' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Supervision session', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Cancel session' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this session?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel session' }).click();
    await dialog.getByText('Say briefly why the session is cancelled.').waitFor();
    await dialog.getByLabel('Why is it cancelled?').fill('Supervisor on leave');
    await expectAccessible(page, 'Cancel dialog at 320 px');
    await dialog.getByRole('button', { name: 'Cancel session' }).click();
    await page.getByRole('status').getByText('The session is cancelled. Everyone gets a cancellation in Outlook.').waitFor();
    expect(
      await page
        .getByRole('definition')
        .filter({ hasText: /^Cancelled$/ })
        .count(),
    ).toBe(1); // the status
    expect(
      await page
        .getByRole('definition')
        .filter({ hasText: /: Supervisor on leave$/ })
        .count(),
    ).toBe(1);
    expect(await page.getByRole('button', { name: 'Postpone' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Menu' }).click();
    await openSection(page, 'Arrangements');
    await page.getByRole('region', { name: 'List of arrangements' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'Arrangements at 320 px');
  });
});
