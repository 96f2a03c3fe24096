// The Outlook add-in's task pane end to end: the built page (dist/tab/addin/pane.html) in Chromium
// against the local stack, with a stub `Office` global injected before the page loads (as Outlook's
// Office.js would give it), signed in through the local demo picker. Liam Doherty (supervisee) opens
// his copy of a booked session's meeting: the pane finds the session from the item's id (never its
// subject), shows its agenda, adds an item the bot's agenda then holds, and "I can't make it" offers only
// times within the working week. An unrelated meeting, even one called "Safeguarding supervision", is
// not a session; a meeting of someone else's session is refused and nothing changes. From an email the
// subject becomes an item of the chosen session. Both panes get an axe scan. Last, the session is cancelled
// while he postpones it, and the pane shows it cancelled. Fictional people only.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureTabBundle } from '../../bench/tab-bundle.js';
import type { Caller } from '../../src/shared/access/app-roles.js';
import { instantToLondon } from '../../src/shared/calendar/london-time.js';
import { ADMIN_ID, DSL_ID } from '../../tools/m365-emulator/src/index.js';
import { graphReader, mailOf } from '../support/graph-reader.js';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { launchChromium } from './support/browser.js';
import { bookNextSession } from './support/book-next-session.js';
import { ensureTabBuilt, TAB_DIST } from './support/build-tab.js';
import { expectAccessible } from './support/tab-page.js';
import { openAddinPane, type StubItem } from './support/addin-pane.js';

const HANNAH = 'a1000000-0000-4000-8000-000000000003';
const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';
const ADMIN: Caller = { id: ADMIN_ID, roles: ['Safeguarding.Admin'] };
const AS_LIAM: Caller = { id: LIAM, roles: [] };

let stack: RunningStack | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
let session = { sessionId: '', start: '' };
let otherSession = { sessionId: '', start: '' };
/** Every URL any pane asked for: Office.js must never be one of them. */
const requested: string[] = [];
const pageErrors: string[] = [];

function running(): RunningStack {
  if (!stack) throw new Error('beforeAll did not start the stack');
  return stack;
}

beforeAll(async () => {
  await ensureTabBuilt();
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  session = await bookNextSession(stack.app, GRACE, LIAM);
  otherSession = await bookNextSession(stack.app, DSL_ID, HANNAH);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stack?.app.idle();
  await stack?.stop();
});

/** The meeting's copy in this person's own calendar (its REST id is what Outlook gives the pane). */
async function meetingCopyOf(userId: string, sessionId: string): Promise<string> {
  const found = await running().app.useCases.getSession({ caller: ADMIN, sessionId });
  if (!found.ok) throw new Error(found.refusal.message);
  const events = await graphReader(running().emulator).emulatorEvents(userId);
  const copy = events.find((e) => e.iCalUId === found.value.session.iCalUId && !e.isCancelled);
  if (!copy) throw new Error(`${userId} has no copy of the meeting of ${sessionId}`);
  return copy.id;
}

/** The pane on this item, signed in as `name` through the local demo picker. */
async function openPane(item: StubItem, name: string): Promise<Page> {
  if (!browser) throw new Error('no browser');
  const {
    context,
    page,
    pageErrors: errors,
  } = await openAddinPane(browser, running().serverUrl, item, name, (p) => {
    p.on('request', (r) => requested.push(r.url()));
  });
  contexts.push(context);
  page.on('close', () => pageErrors.push(...errors));
  return page;
}

const agendaTexts = async (sessionId: string, caller: Caller): Promise<string[]> => {
  const agenda = await running().app.useCases.getAgenda({ caller, sessionId });
  if (!agenda.ok) throw new Error(agenda.refusal.message);
  return agenda.value.sections.flatMap((s) => s.items.map((i) => i.text));
};

describe('the Outlook add-in pane', () => {
  it('on his copy of a booked session: the agenda, an item added that the bot’s agenda holds, and only times within the working week', async () => {
    const restId = await meetingCopyOf(LIAM, session.sessionId);
    const page = await openPane({ itemType: 'appointment', itemId: `ews:${restId}`, subject: 'Safeguarding supervision' }, 'Liam Doherty');
    await page.getByRole('heading', { name: 'Supervision session', level: 2 }).waitFor();
    const when = instantToLondon(session.start);
    await expect(page.getByText('Grace Mwangi with Liam Doherty').isVisible()).resolves.toBe(true);
    await expect(page.getByText(`${when.time}`, { exact: false }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Booked', { exact: true }).isVisible()).resolves.toBe(true);
    await page.getByRole('heading', { name: 'Agenda', level: 3 }).waitFor();
    await expectAccessible(page, 'the meeting pane');

    const item = 'Workload since half term (added from Outlook)';
    await page.getByRole('textbox', { name: /Add an item to the agenda/ }).fill(item);
    await page.getByRole('button', { name: 'Add item' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Added as item \d+ on the agenda/ })
      .waitFor();
    await page.getByRole('listitem').filter({ hasText: item }).waitFor();
    // The same agenda the bot's `agenda` command posts (its use case), as Grace reads it too.
    expect(await agendaTexts(session.sessionId, { id: GRACE, roles: [] })).toContain(item);

    await page.getByRole('button', { name: "I can't make it" }).click();
    await page.getByRole('heading', { name: 'Postpone this session', level: 3 }).waitFor();
    // The times are asked for after the panel opens: wait for them before reading them.
    await page
      .getByRole('radiogroup', { name: /New time/ })
      .getByRole('radio')
      .first()
      .waitFor();
    const offered = await page
      .getByRole('radiogroup', { name: /New time/ })
      .getByRole('radio')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const alternatives = await running().app.useCases.listSessionAlternatives({ caller: AS_LIAM, sessionId: session.sessionId });
    if (!alternatives.ok || alternatives.value.kind !== 'candidates') throw new Error('expected times to move to');
    const { window } = alternatives.value;
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).toEqual(alternatives.value.candidates.map((c) => c.slot.start));
    for (const start of offered) {
      const day = instantToLondon(start).date;
      expect(day >= window.from && day <= window.deadline, `${start} within ${window.from}..${window.deadline}`).toBe(true);
    }
    await expectAccessible(page, 'the meeting pane, postponing');
    await page.getByRole('radio').first().check();
    await page.getByRole('combobox', { name: /Reason/ }).selectOption('unavailable');
    await page.getByRole('button', { name: 'Postpone to this time' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Session moved to/ })
      .waitFor();
    const moved = await running().app.useCases.getSession({ caller: AS_LIAM, sessionId: session.sessionId });
    expect(moved.ok && moved.value.session.start).toBe(offered[0]);
  });

  it('for his supervisor: a link to write the record in the tab', async () => {
    const restId = await meetingCopyOf(GRACE, session.sessionId);
    const page = await openPane({ itemType: 'appointment', itemId: `ews:${restId}`, subject: 'Safeguarding supervision' }, 'Grace Mwangi');
    const link = page.getByRole('link', { name: 'Write the record in the Supervision tab' });
    await link.waitFor();
    await expect(link.getAttribute('href')).resolves.toBe(`/sessions/${encodeURIComponent(session.sessionId)}`);
  });

  it('when his own copy cannot be read (outside the app’s calendar scope): found from its start and organiser among his own sessions', async () => {
    const found = await running().app.useCases.getSession({ caller: ADMIN, sessionId: session.sessionId });
    if (!found.ok) throw new Error(found.refusal.message);
    const { start, organiserMailbox } = found.value.session;
    const organizer = organiserMailbox.includes('@') ? organiserMailbox : mailOf(organiserMailbox);
    const page = await openPane({ itemType: 'appointment', itemId: 'ews:AAMkAG-a-copy-the-app-cannot-read', subject: 'Anything', start, organizer }, 'Liam Doherty');
    await page.getByRole('heading', { name: 'Supervision session', level: 2 }).waitFor();
    await expect(page.getByText('Grace Mwangi with Liam Doherty').isVisible()).resolves.toBe(true);
    // Exchange refuses his mailbox (as it does outside the app's scope): with the start and organiser the
    // pane still finds it; without them it says it could not check, and why.
    const reader = graphReader(running().emulator);
    const ownCopy = await meetingCopyOf(LIAM, session.sessionId);
    await reader.setFaults({
      rules: [{ kind: 'unavailable', method: 'GET', path: `^/users/${LIAM}/events/`, retryAfterSeconds: 0, rate: 1, limit: 4, holdMs: 0, target: 'request' }],
    });
    try {
      const refused = await openPane({ itemType: 'appointment', itemId: `ews:${ownCopy}`, subject: 'Safeguarding supervision' }, 'Liam Doherty');
      await refused.getByRole('heading', { name: 'This meeting could not be checked', level: 2 }).waitFor({ timeout: 30_000 });
      await expect(refused.getByText(/could not read this meeting from your calendar/).isVisible()).resolves.toBe(true);
      const found = await openPane({ itemType: 'appointment', itemId: `ews:${ownCopy}`, subject: 'Safeguarding supervision', start, organizer }, 'Liam Doherty');
      await found.getByRole('heading', { name: 'Supervision session', level: 2 }).waitFor({ timeout: 30_000 });
    } finally {
      await reader.clearFaults();
    }
    // The same start from another organiser is not his session.
    const other = await openPane(
      { itemType: 'appointment', itemId: 'ews:AAMkAG-another', subject: 'Safeguarding supervision', start, organizer: 'someone.else@oakfield.example' },
      'Liam Doherty',
    );
    await other.getByRole('heading', { name: 'Not a supervision session', level: 2 }).waitFor();
  });

  it('on a meeting that is not a session (even one called "Safeguarding supervision"): says so plainly', async () => {
    const start = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 19) + 'Z';
    const end = new Date(Date.parse(start) + 3_600_000).toISOString().slice(0, 19) + 'Z';
    const busy = await graphReader(running().emulator).addBusy(LIAM, start, end, 'Safeguarding supervision');
    const page = await openPane({ itemType: 'appointment', itemId: `ews:${busy.id}`, subject: 'Safeguarding supervision' }, 'Liam Doherty');
    await page.getByRole('heading', { name: 'Not a supervision session', level: 2 }).waitFor();
    await expect(page.getByText('This meeting is not a supervision session booked by the Safeguarding Supervision app.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Add item' }).count()).resolves.toBe(0);
  });

  it("on someone else's session: a clear refusal, and nothing changes", async () => {
    const before = await running().app.useCases.getSession({ caller: ADMIN, sessionId: otherSession.sessionId });
    if (!before.ok) throw new Error(before.refusal.message);
    const organiserEvent = before.value.session.eventId;
    const page = await openPane({ itemType: 'appointment', itemId: `ews:${organiserEvent}`, subject: 'Safeguarding supervision' }, 'Liam Doherty');
    await page.getByRole('heading', { name: 'Not your supervision session', level: 2 }).waitFor();
    await expect(page.getByText(/not the supervisor or a supervisee/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Add item' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: "I can't make it" }).count()).resolves.toBe(0);
    const after = await running().app.useCases.getSession({ caller: ADMIN, sessionId: otherSession.sessionId });
    expect(after.ok && after.value.session).toEqual(before.value.session);
    expect(await agendaTexts(otherSession.sessionId, { id: DSL_ID, roles: ['Safeguarding.Lead'] })).toEqual([]);
  });

  it('from an email: the subject (the text only if ticked), editable, becomes an item of the chosen session', async () => {
    const subject = 'Attendance concerns: J.B. (Year 9)';
    const page = await openPane({ itemType: 'message', itemId: 'ews:AAMkAG-mail-1', subject, bodyText: 'Can we talk this through?\nThanks, Sophie' }, 'Liam Doherty');
    await page.getByRole('heading', { name: 'Add to supervision agenda', level: 2 }).waitFor();
    const text = page.getByRole('textbox', { name: /Agenda item/ });
    await expect(text.inputValue()).resolves.toBe(subject);
    await expect(page.getByText("Use initials or a case reference, never a child's name.").isVisible()).resolves.toBe(true);
    await page.getByRole('checkbox', { name: 'Include the message text' }).check();
    // Outlook hands the text over asynchronously (body.getAsync).
    await expect.poll(() => text.inputValue()).toBe(`${subject}: Can we talk this through? Thanks, Sophie`);
    await page.getByRole('checkbox', { name: 'Include the message text' }).uncheck();
    await expect.poll(() => text.inputValue()).toBe(subject);
    const choices = page.getByRole('radiogroup', { name: /Session/ }).getByRole('radio');
    // The sessions to choose from are asked for after the pane opens.
    await expect.poll(() => choices.count()).toBe(1);
    await expect(choices.first().isChecked()).resolves.toBe(true);
    await expectAccessible(page, 'the mail pane');
    await page.getByRole('button', { name: 'Add to agenda' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Added as item \d+ on the agenda of/ })
      .waitFor();
    expect(await agendaTexts(session.sessionId, AS_LIAM)).toContain(subject);
  });

  it('never loads Office.js outside Outlook, and the tab’s first load stays within its budget without the pane', async () => {
    expect(requested.filter((u) => !u.startsWith(running().serverUrl))).toEqual([]);
    expect(pageErrors).toEqual([]);
    const report = await measureTabBundle();
    expect(report.ok, `${report.firstLoadGzipKb.toFixed(1)} kB`).toBe(true);
    const index = await readFile(path.join(TAB_DIST, 'index.html'), 'utf8');
    const pane = await readFile(path.join(TAB_DIST, 'addin', 'pane.html'), 'utf8');
    const paneEntry = /src="\/(assets\/pane-[^"]+\.js)"/.exec(pane)?.[1];
    expect(paneEntry).toBeDefined();
    expect(index).not.toContain(paneEntry as string);
  });
});

// Last, as it cancels Liam's session: his own calendar cannot be read, so the pane found the session from the
// item's start and organiser; cancelled while he postpones it, the pane must show it as it now is
// (cancelled, found again by its id), not "could not be checked" because the old start names no booked session.
describe('the meeting pane after the session changed under it', () => {
  it('cancelled while he was postponing: shows it cancelled, found again by its id', async () => {
    const found = await running().app.useCases.getSession({ caller: ADMIN, sessionId: session.sessionId });
    if (!found.ok) throw new Error(found.refusal.message);
    const { start, organiserMailbox } = found.value.session;
    const organizer = organiserMailbox.includes('@') ? organiserMailbox : mailOf(organiserMailbox);
    const reader = graphReader(running().emulator);
    await reader.setFaults({
      rules: [{ kind: 'unavailable', method: 'GET', path: `^/users/${LIAM}/events/`, retryAfterSeconds: 0, rate: 1, limit: 100, holdMs: 0, target: 'request' }],
    });
    try {
      const page = await openPane(
        { itemType: 'appointment', itemId: 'ews:AAMkAG-his-copy-the-app-cannot-read', subject: 'Safeguarding supervision', start, organizer },
        'Liam Doherty',
      );
      await page.getByRole('heading', { name: 'Supervision session', level: 2 }).waitFor();
      await page.getByRole('button', { name: "I can't make it" }).click();
      const firstTime = page
        .getByRole('radiogroup', { name: /New time/ })
        .getByRole('radio')
        .first();
      await firstTime.waitFor();

      const cancelled = await running().app.useCases.cancelSession({ caller: ADMIN, sessionId: session.sessionId, reason: 'Staff training day' });
      expect(cancelled.ok).toBe(true);
      await running().app.idle();

      await firstTime.check();
      await page.getByRole('combobox', { name: /Reason/ }).selectOption('unavailable');
      await page.getByRole('button', { name: 'Postpone to this time' }).click();
      // The pane asks for the session again: as it is now, or (the defect) "could not be checked".
      await page
        .getByRole('heading', { level: 2 })
        .filter({ hasText: /could not be checked/ })
        .or(page.getByText('Cancelled', { exact: true }))
        .first()
        .waitFor({ timeout: 30_000 });
      await expect(page.getByRole('heading', { level: 2 }).first().textContent()).resolves.toBe('Supervision session');
      await expect(page.getByText('Cancelled', { exact: true }).isVisible()).resolves.toBe(true);
    } finally {
      await reader.clearFaults();
    }
  });
});
