// End to end in the tab and the Microsoft 365 Agents Playground, one stack and one browser: Grace Mwangi
// (supervisor) writes the record of her session with Liam Doherty as she types, adds an action for Liam
// and sends it for signature; Liam (the Playground's current user) signs on the card the bot posted him,
// then Grace signs in the tab and it locks, and Liam's card shows it. Grace changes an answer: version 2 starts as a draft and is sent,
// while version 1 stays signed and locked with the old answer. The DSL sees the records to chase and
// grants (then revokes) an auditor's access. Every screen gets an axe scan. Fictional people only.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/calendar/dates.js';
import { instantToLondon } from '../../src/shared/calendar/london-time.js';
import { callApi, tokenFor } from '../support/api.js';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { graphReader } from '../support/graph-reader.js';
import { RECORDS_LIST } from '../../src/bot/storage/record-repository.js';
import { VALUE_COLUMN } from '../../src/bot/storage/json-items.js';
import { ALTERED_MESSAGE } from '../../src/tab/screens/records/record-text.js';
import { launchChromium } from './support/browser.js';
import { bookNextSession } from './support/book-next-session.js';
import { ensureTabBuilt } from './support/build-tab.js';
import { describedBy, expectAccessible, signIn, openTabPage } from './support/tab-page.js';

const HANNAH = 'a1000000-0000-4000-8000-000000000003';
const SOPHIE = 'a1000000-0000-4000-8000-000000000005';
const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';

const FIRST_ANSWER = 'A busy half term, coping well with support';
const SECOND_ANSWER = 'A busy half term; the new timetable has helped';
const ACTION = 'Read the updated online safety policy';

let stack: RunningStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
/** The Agents Playground's chat, where Liam is the current user. */
let chat: Page;
let sessionId = '';
let recordId = '';
let pageErrors: string[] = [];

beforeAll(async () => {
  await ensureTabBuilt();
  [stack, browser] = await Promise.all([startStack({ playground: true }), launchChromium()]);
  ({ context, page, pageErrors } = await openTabPage(browser));
  // Opening the Playground's chat installs the app for Liam: the bot greets him and can write to him.
  chat = await context.newPage();
  await chat.goto(stack.playgroundUrl as string);
  await chat.locator('.ac-adaptiveCard').filter({ hasText: 'I help your safeguarding team' }).first().waitFor({ state: 'visible', timeout: 60_000 });
}, 180_000);

/** The signature cards in Liam's chat, oldest first. */
const signatureCards = () => chat.locator('.ac-adaptiveCard').filter({ has: chat.getByRole('heading', { name: /^(Please sign|Signed and locked|Withdrawn)/ }) });

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

async function switchTo(on: Page, name: string): Promise<void> {
  await on.getByRole('button', { name: 'Sign in as someone else' }).click();
  await signIn(on, name);
}

/** The text of the definition (dd) after the term (dt) with this name. */
function fact(on: Page, term: string) {
  return on.locator(`dt:text-is("${term}") + dd`);
}

const recordHeading = () => page.getByRole('heading', { name: 'Supervision record', level: 2 });
const saveStatus = () => page.getByRole('status').filter({ hasText: /^(Saving…|Saved at \d\d:\d\d|Changes not saved yet…|Not saved: .*)$/ });

/** Waits until everything typed is saved (the status says "Saved at HH:MM" and nothing waits). */
async function waitForSaved(): Promise<void> {
  await expect.poll(() => saveStatus().textContent(), { timeout: 10_000 }).toMatch(/^Saved at \d\d:\d\d$/);
}

describe('a supervision record, written, signed and changed in the tab', () => {
  it('Grace opens her session, sees its records and starts the supervision record', async () => {
    const stack = running();
    sessionId = (await bookNextSession(stack.app, GRACE, LIAM)).sessionId;
    await page.goto(`${stack.serverUrl}/sessions/${encodeURIComponent(sessionId)}`);
    await signIn(page, 'Grace Mwangi');
    await page.getByRole('heading', { name: 'Supervision session', level: 2 }).waitFor();
    const records = page.getByRole('region', { name: 'Records' });
    await records.getByText('No records yet.').waitFor();
    await records.getByRole('heading', { name: 'Decisions about children', level: 4 }).waitFor();
    await expectAccessible(page, 'Session with its records');

    await records.getByRole('button', { name: 'Start the supervision record' }).click();
    await recordHeading().waitFor();
    recordId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    expect(recordId).toBe(`${sessionId}.individual`);
    expect(await fact(page, 'State').textContent()).toBe('Draft');
    expect(await fact(page, 'Version').textContent()).toBe('Version 1');
    expect(await fact(page, 'Fingerprint').textContent()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('Grace writes the record as she types, adds an action for Liam, and sends it for signature', async () => {
    // Sent empty, the server lists what is missing, and each problem sits by its question.
    await page.getByRole('button', { name: 'Send for signature' }).click();
    const missing = page.getByRole('list', { name: 'What to fix before sending' });
    await missing.waitFor();
    expect(await missing.getByRole('listitem').count()).toBe(2);
    const q1 = page.getByRole('textbox', { name: /^How have you been since your last supervision\?/ });
    expect(await q1.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'Record, not ready to send');

    await q1.fill(FIRST_ANSWER);
    expect(await q1.getAttribute('aria-invalid')).not.toBe('true');
    // Changing the record clears the "not sent" alert.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'The record is not sent yet' }).count()).toBe(0);
    await page
      .getByRole('radiogroup', { name: /^Has supervision met your needs today\?/ })
      .getByRole('radio', { name: 'Yes' })
      .check();
    await waitForSaved();

    // Removing an action by keyboard leaves the focus on the list of actions, not lost to the page.
    const addAction = page.getByRole('button', { name: 'Add an action' });
    await addAction.click();
    await page.getByRole('button', { name: 'Remove action 1' }).press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Remove action 1' }).count()).toBe(0);
    await expect.poll(() => addAction.evaluate((el) => el === document.activeElement)).toBe(true);

    await addAction.click();
    await page.getByRole('textbox', { name: /^What was agreed \(action 1\)/ }).fill(ACTION);
    await page.getByRole('combobox', { name: /^Who \(action 1\)/ }).click();
    await page.getByRole('option', { name: 'Liam Doherty' }).click();
    const due = addDays(instantToLondon(new Date().toISOString()).date, 14);
    await page.getByLabel(/^By when \(action 1\)/).fill(due);
    await waitForSaved();
    await expectAccessible(page, 'Record, writing');
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR ?? '/tmp'}/records-tab-writing.png`, fullPage: true }).catch(() => undefined);

    // What the server holds is what was typed.
    const grace = await tokenFor(running(), GRACE);
    const saved = await callApi<{ record: { content: { answers: Record<string, string>; actions: { text: string; ownerId: string; dueDate: string }[] } } }>(
      running(),
      grace,
      'GET',
      `/api/records/${encodeURIComponent(recordId)}`,
    );
    expect(saved.body.record.content.answers).toEqual({ q1: FIRST_ANSWER, q12: 'yes' });
    expect(saved.body.record.content.actions).toEqual([expect.objectContaining({ text: ACTION, ownerId: LIAM, dueDate: due })]);

    await page.getByRole('button', { name: 'Send for signature' }).click();
    await page.getByRole('status').getByText('Version 1 is sent for signature.', { exact: false }).waitFor();
    await expect.poll(() => fact(page, 'State').textContent()).toMatch(/^Awaiting signatures/);
    expect(await fact(page, 'Waiting for').textContent()).toBe('Grace Mwangi and Liam Doherty');
  });

  it('Liam reads it in the tab, then signs version 1 on the card the bot posted him in the Agents Playground', async () => {
    await switchTo(page, 'Liam Doherty');
    await recordHeading().waitFor();
    const panel = page.getByRole('region', { name: 'Sign version 1' });
    await panel.waitFor();
    const fingerprint = (await fact(page, 'Fingerprint').textContent()) ?? '';
    expect(await panel.getByText(fingerprint, { exact: true }).count()).toBe(1);
    // He reads the record as text, not a form.
    expect(await page.getByRole('textbox', { name: /^How have you been/ }).count()).toBe(0);
    expect(await fact(page, 'How have you been since your last supervision?').textContent()).toBe(FIRST_ANSWER);
    await page
      .getByRole('region', { name: 'Agreed actions' })
      .getByRole('row', { name: new RegExp(ACTION) })
      .waitFor();
    await expectAccessible(page, 'Record, asked to sign');

    // The card: the session, the version and the same fingerprint; no case detail.
    const card = signatureCards().first();
    await card.getByRole('heading', { name: 'Please sign: Supervision record' }).waitFor({ timeout: 30_000 });
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Your signature is needed.');
    expect(text).toContain(fingerprint);
    for (const detail of [FIRST_ANSWER, ACTION]) expect(text).not.toContain(detail);
    await card.getByRole('button', { name: 'Sign', exact: true }).click();
    // The invoke's answer replaces his card in place.
    await card.getByText(/^You signed at /).waitFor({ timeout: 30_000 });
    expect(await card.getByRole('button', { name: 'Sign', exact: true }).count()).toBe(0);

    // Signing in again loads the record afresh: the tab shows the card's signature.
    await switchTo(page, 'Liam Doherty');
    await recordHeading().waitFor();
    expect(await page.getByRole('list', { name: 'Signatures' }).getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^Liam Doherty, /)]);
    expect(await fact(page, 'Waiting for').textContent()).toBe('Grace Mwangi');
  });

  it('Grace signs last: the version is signed and locked with both signatures', async () => {
    await switchTo(page, 'Grace Mwangi');
    await recordHeading().waitFor();
    await page.getByRole('region', { name: 'Sign version 1' }).getByRole('button', { name: 'Sign version 1' }).click();
    await page.getByRole('status').getByText('You signed version 1. Everyone has signed: it is locked.').waitFor();
    expect(await fact(page, 'State').textContent()).toMatch(/^Signed and locked on /);
    const signatures = await page.getByRole('list', { name: 'Signatures' }).getByRole('listitem').allTextContents();
    expect(signatures).toEqual([expect.stringMatching(/^Liam Doherty, /), expect.stringMatching(/^Grace Mwangi, /)]);
    await page.getByText('This version is signed and locked. Changing it starts version 2; version 1 stays as it is.').waitFor();
    await expectAccessible(page, 'Record, locked, as its supervisor');

    // Liam's card, posted before anyone signed, now shows the record locked with both signatures.
    const card = signatureCards().first();
    await card.getByRole('heading', { name: 'Signed and locked: Supervision record' }).waitFor({ timeout: 30_000 });
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(/Liam Doherty signed at/);
    expect(text).toMatch(/Grace Mwangi signed at/);
    expect(await signatureCards().count()).toBe(1);
  });

  it('Grace changes an answer: version 2 starts as a draft, and she sends it', async () => {
    await page.getByRole('textbox', { name: /^How have you been since your last supervision\?/ }).fill(SECOND_ANSWER);
    await waitForSaved();
    await expect.poll(() => fact(page, 'Version').textContent()).toBe('Version 2');
    expect(await fact(page, 'State').textContent()).toBe('Draft');
    await page.getByRole('button', { name: 'Send for signature' }).click();
    await page.getByRole('status').getByText('Version 2 is sent for signature.', { exact: false }).waitFor();
    await expect.poll(() => fact(page, 'State').textContent()).toMatch(/^Awaiting signatures/);
    // Liam gets a new card for version 2, awaiting his signature; version 1's card stays locked.
    await expect.poll(() => signatureCards().count(), { timeout: 30_000 }).toBe(2);
    await signatureCards().nth(1).getByRole('heading', { name: 'Please sign: Supervision record' }).waitFor();
    expect(await signatureCards().nth(1).textContent()).toContain('Version2');
    await signatureCards().first().getByRole('heading', { name: 'Signed and locked: Supervision record' }).waitFor();
  });

  it('a change made elsewhere meanwhile is a conflict: the server says so, nothing is overwritten, Reload shows it', async () => {
    // Grace saves from somewhere else (another window): the page's copy is now out of date.
    const stack = running();
    const grace = await tokenFor(stack, GRACE);
    const path = `/api/records/${encodeURIComponent(recordId)}`;
    const current = await callApi<{ record: { revision: number; content: { answers: Record<string, string> } } }>(stack, grace, 'GET', path);
    const elsewhere = { ...current.body.record.content, answers: { ...current.body.record.content.answers, q9: 'Written in another window' } };
    expect((await callApi(stack, grace, 'PUT', path, { content: elsewhere, baseRevision: current.body.record.revision })).status).toBe(200);

    await page.getByRole('textbox', { name: /^Workload or team issues to discuss/ }).fill('Typed on this page');
    await saveStatus()
      .getByText(/^Not saved: This record was changed somewhere else/)
      .waitFor();
    const reload = page.getByRole('button', { name: 'Reload the record' });
    await reload.waitFor();
    expect((await callApi<{ record: { content: { answers: Record<string, string> } } }>(stack, grace, 'GET', path)).body.record.content.answers.q9).toBe(
      'Written in another window',
    );

    await reload.click();
    await expect.poll(() => page.getByRole('textbox', { name: /^Workload or team issues to discuss/ }).inputValue()).toBe('Written in another window');
    expect(await fact(page, 'State').textContent()).toBe('Draft');
    await page.getByRole('button', { name: 'Send for signature' }).click();
    await page.getByRole('status').getByText('Version 2 is sent for signature.', { exact: false }).waitFor();
  });

  it('version 1 is still signed and locked, with the old answer', async () => {
    await page.getByRole('region', { name: 'Versions' }).getByRole('link', { name: 'Version 1' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?version=1');
    await page.getByText('This is version 1; the latest is version 2.').waitFor();
    expect(await fact(page, 'State').textContent()).toMatch(/^Signed and locked on /);
    expect(await fact(page, 'How have you been since your last supervision?').textContent()).toBe(FIRST_ANSWER);
    expect(await page.getByRole('textbox', { name: /^How have you been/ }).count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Signatures' }).getByRole('listitem').count()).toBe(2);
    await expectAccessible(page, 'Record, an older locked version');
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR ?? '/tmp'}/records-tab-version-1.png`, fullPage: true }).catch(() => undefined);

    await page.getByRole('link', { name: 'Back to the session' }).click();
    const records = page.getByRole('region', { name: 'Records' });
    await records
      .getByRole('list', { name: 'Records of this session' })
      .getByRole('listitem')
      .filter({ hasText: 'version 2' })
      .filter({ hasText: 'Awaiting signatures' })
      .waitFor();
    await expectAccessible(page, 'Session with a record');
  });

  it('version 1 changed directly in the SharePoint list shows as altered: its fingerprint no longer matches', async () => {
    const reader = graphReader(running().emulator);
    const stored = (await reader.store.query(RECORDS_LIST, { RecordId: recordId })).find((i) => i.fields.Version === 1);
    if (!stored) throw new Error('version 1 is not stored');
    const value = JSON.parse(String(stored.fields[VALUE_COLUMN])) as { content: { answers: Record<string, string> } };
    value.content.answers.q1 = 'Changed in SharePoint, outside the app';
    await reader.store.update(RECORDS_LIST, stored, { [VALUE_COLUMN]: JSON.stringify(value) });

    await page.goto(`${running().serverUrl}/records/${encodeURIComponent(recordId)}?version=1`);
    await signIn(page, 'Grace Mwangi');
    await page.getByRole('alert').getByText(ALTERED_MESSAGE).waitFor();
    await page
      .getByRole('region', { name: 'Versions' })
      .getByText(/changed outside the app/)
      .waitFor();
    expect(await page.getByRole('region', { name: /^Sign version/ }).count()).toBe(0);
    await expectAccessible(page, 'Record, altered outside the app');
    await page.getByRole('link', { name: 'Back to the session' }).click();
    await page.getByRole('heading', { name: 'Supervision session', level: 2 }).waitFor();
  });

  it('Grace records a decision about a child and confirms it is on the case system', async () => {
    const records = page.getByRole('region', { name: 'Records' });
    await records.getByRole('button', { name: 'Record a decision about a child' }).click();
    const form = page.getByRole('form', { name: 'Record a decision about a child' });
    await form.getByRole('button', { name: 'Record the decision' }).click();
    // Nothing sent: each missing field says what it needs.
    const child = form.getByRole('textbox', { name: /^Child/ });
    await expect.poll(() => child.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'Decision form with problems');

    await child.fill('JB');
    await form.getByRole('textbox', { name: /^Concerns discussed/ }).fill('Attendance falling since half term');
    await form.getByRole('textbox', { name: /^Action 1/ }).fill('Call home');
    await form.getByRole('textbox', { name: /^Timescale for action 1/ }).fill('by Friday');
    await form.getByRole('checkbox', { name: "An entry is needed in the child's chronology" }).check();
    await form.getByRole('combobox', { name: /^Case system/ }).click();
    await page.getByRole('option', { name: 'CPOMS' }).click();
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await page
      .getByRole('status')
      .getByText(/^Decision about JB recorded\./)
      .waitFor();

    const decisions = records.getByRole('region', { name: 'Decisions about children' });
    const row = decisions.getByRole('row', { name: /^JB/ });
    await row.getByText('Not yet confirmed').waitFor();
    await row.getByRole('textbox', { name: 'Reference of the entry for JB' }).fill('CPOMS-4471');
    await row.getByRole('button', { name: 'Confirm JB' }).click();
    await row.getByText(/^Confirmed: reference CPOMS-4471, /).waitFor();
  });

  it('Liam asks for a change to version 2 instead of signing: it goes back to Grace as a draft with his comment', async () => {
    await switchTo(page, 'Liam Doherty');
    await page.getByRole('region', { name: 'Records' }).getByRole('link', { name: 'Supervision record' }).click();
    const panel = page.getByRole('region', { name: 'Sign version 2' });
    await panel.waitFor();
    await panel.getByRole('button', { name: 'Request a change' }).click();
    const comment = panel.getByRole('textbox', { name: /^What should change/ });
    await expect.poll(() => comment.getAttribute('aria-invalid')).toBe('true');
    await comment.fill('The due date for my action should be after the training day');
    await panel.getByRole('button', { name: 'Request a change' }).click();
    await page.getByRole('status').getByText('Change requested. Version 2 is back with the supervisor as a draft.').waitFor();
    expect(await fact(page, 'State').textContent()).toBe('Draft');
    const requests = page.getByRole('region', { name: 'Changes asked for' });
    expect(await requests.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Liam Doherty, .* \(version 2\): “The due date for my action should be after the training day”$/),
    ]);
    expect(await page.getByRole('region', { name: 'Sign version 2' }).count()).toBe(0);
    await expectAccessible(page, 'Record, a change asked for');
  });

  it("the DSL sees the records to chase and grants, then revokes, an auditor's access", async () => {
    await switchTo(page, 'Daniel Okafor');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: "Everyone's sessions", exact: true }).click();
    await page.getByRole('heading', { name: "Everyone's sessions", level: 2 }).waitFor();
    const flags = page.getByRole('region', { name: 'Records to chase' }).first();
    await flags.getByRole('heading', { name: 'Records to chase', level: 3 }).waitFor();
    const access = page.getByRole('region', { name: "Auditors' access to records" });
    await access.getByText('No auditor has been given access.').waitFor();

    const box = access.getByRole('combobox', { name: /^Auditor/ });
    await box.fill('Noah');
    await page.getByRole('option', { name: /^Noah Pritchard/ }).click();
    await access.getByRole('textbox', { name: /^Purpose/ }).fill('Trust safeguarding audit');
    await access.getByRole('button', { name: 'Grant access' }).click();
    await page
      .getByRole('status')
      .getByText(/^Noah Pritchard can read records until /)
      .waitFor();
    const row = access.getByRole('row', { name: /Noah Pritchard/ });
    await row.getByText('Active', { exact: true }).waitFor();
    await expectAccessible(page, "Everyone's sessions as the DSL, with records to chase and auditors' access");

    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR ?? '/tmp'}/records-tab-everyone.png`, fullPage: true }).catch(() => undefined);
    await row.getByRole('button', { name: "Revoke Noah Pritchard's access" }).press('Enter');
    await row.getByText('Revoked', { exact: true }).waitFor();
    // The Revoke button went with the access: the focus stays in the panel, not lost to the page.
    await expect.poll(() => access.evaluate((region) => region.contains(document.activeElement))).toBe(true);
  });

  it('Hannah writes a group record: who was present, and who takes forward any immediate concern', async () => {
    const stack = running();
    const groupSession = (await bookNextSession(running().app, HANNAH, SOPHIE)).sessionId;
    await page.goto(`${stack.serverUrl}/sessions/${encodeURIComponent(groupSession)}`);
    await signIn(page, 'Hannah Whitcombe');
    await page.getByRole('region', { name: 'Records' }).getByRole('button', { name: 'Start the group supervision record' }).click();
    await page.getByRole('heading', { name: 'Group supervision record', level: 2 }).waitFor();

    // Sent with nobody marked present: the problem sits under "Who was present" and is read with the group.
    const whoWasPresent = page.getByRole('group', { name: 'Who was present' });
    expect(await whoWasPresent.getAttribute('aria-describedby')).toBeNull();
    await page.getByRole('button', { name: 'Send for signature' }).click();
    await page.getByRole('list', { name: 'What to fix before sending' }).waitFor();
    await expect.poll(() => describedBy(whoWasPresent, { visibleOnly: true })).toMatch(/Mark who was present/);

    const takesForward = page.getByRole('combobox', { name: /^Takes forward any immediate concern/ });
    await page.getByRole('checkbox', { name: 'Hannah Whitcombe (supervisor)' }).check();
    // Marking someone present clears the group's problem.
    expect(await whoWasPresent.getAttribute('aria-describedby')).toBeNull();
    await page.getByRole('checkbox', { name: 'Sophie Lindqvist' }).check();
    await takesForward.click();
    // Only those present can take it forward.
    expect(await page.getByRole('option').allTextContents()).toEqual(['Hannah Whitcombe', 'Sophie Lindqvist']);
    await page.getByRole('option', { name: 'Sophie Lindqvist' }).click();
    await page
      .getByRole('radiogroup', { name: /^Has the group agreed the boundaries of confidentiality\?/ })
      .getByRole('radio', { name: 'Yes' })
      .check();
    await page.getByRole('textbox', { name: /^How have you all been since your last supervision\?/ }).fill('Settled after a hard week');
    await waitForSaved();
    await expectAccessible(page, 'Group record, writing');

    const hannah = await tokenFor(stack, HANNAH);
    const saved = await callApi<{ record: { content: { attendance?: { userId: string; present: boolean }[]; takesForwardId?: string } } }>(
      stack,
      hannah,
      'GET',
      `/api/records/${encodeURIComponent(`${groupSession}.group`)}`,
    );
    expect(saved.body.record.content.attendance?.filter((a) => a.present).map((a) => a.userId)).toEqual([HANNAH, SOPHIE]);
    expect(saved.body.record.content.takesForwardId).toBe(SOPHIE);

    // Only those present are asked to sign.
    await page.getByRole('button', { name: 'Send for signature' }).click();
    await expect.poll(() => fact(page, 'Waiting for').textContent()).toBe('Hannah Whitcombe and Sophie Lindqvist');
    expect(pageErrors).toEqual([]);
  });
});
