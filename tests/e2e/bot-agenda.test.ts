// A shared agenda, end to end through the Microsoft 365 Agents Playground's web UI: the supervisee
// (Liam Doherty, the Playground's current user) adds two items by chat and a third on his agenda
// card; the agenda card already posted to his supervisor (Grace Mwangi) is updated in place and
// shows all three. Fictional people only (the demo school of the local Microsoft 365 emulator).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { playgroundUsers, sendAsConfiguredUser } from '../support/playground.js';
import { ITEM_PLACEHOLDER } from '../../src/shared/cards/agenda-card.js';
import { bookNextSession } from './support/book-next-session.js';

const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';
const GRACE_PLAYGROUND_ID = 'playground-user-senco';

const FIRST = 'Workload since September';
const SECOND = 'Training on online safety';
const THIRD = 'Supervision notes for case ref 24-117';
const ITEMS = [FIRST, SECOND, THIRD];

let stack: RunningStack;
let browser: Browser;
const pageErrors: string[] = [];

/** Types into the Playground's compose box and sends, as its current user. */
async function typeMessage(page: Page, text: string): Promise<void> {
  const compose = page.locator('[role="textbox"][contenteditable="true"]').first();
  await compose.click();
  await compose.pressSequentially(text);
  await compose.press('Enter');
}

/** The agenda lines as the card's reader sees them: "1. <item> — added by <name>" (the number is a Markdown list's). */
function itemLines(card: Locator): Promise<string[]> {
  // Items are text runs (shown as typed, no Markdown): their number is part of the text.
  return card.locator('.ac-richTextBlock').evaluateAll((blocks) => blocks.map((b) => (b.textContent ?? '').trim()).filter((line) => line.includes(' \u2014 added by ')));
}
const lines = (items: string[]) => items.map((item, i) => `${i + 1}. ${item} \u2014 added by Liam Doherty`);

/** Waits until `locator` matches exactly `n` elements. */
async function waitForCount(locator: Locator, n: number, timeout = 30_000): Promise<void> {
  await expect.poll(() => locator.count(), { timeout }).toBe(n);
}

beforeAll(async () => {
  stack = await startStack({ playground: true });
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.app.idle();
  await stack?.stop();
});

describe('a shared agenda in the Agents Playground web UI', () => {
  it("the supervisee adds two items by chat and one on his agenda card; the supervisor's card, already posted, shows all three", async () => {
    // The Playground's current user is Liam, who has one arrangement; Grace is a configured user with her Entra id.
    const users = await playgroundUsers(stack.playgroundUrl as string);
    expect(users[0]).toMatchObject({ name: 'Liam Doherty', aadObjectId: LIAM });
    expect(users.find((u) => u.id === GRACE_PLAYGROUND_ID)).toMatchObject({ name: 'Grace Mwangi', aadObjectId: GRACE });
    const sessionStart = (await bookNextSession(stack.app, GRACE, LIAM)).start;
    expect(Date.parse(sessionStart)).toBeGreaterThan(Date.now());

    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(stack.playgroundUrl as string);
    const compose = page.locator('[role="textbox"][contenteditable="true"]').first();
    await compose.waitFor({ state: 'visible', timeout: 60_000 });
    const cards = page.locator('.ac-adaptiveCard');
    // Opening the chat installs the app for Liam: the bot greets him first.
    await cards.filter({ hasText: 'I help your safeguarding team' }).first().waitFor({ state: 'visible', timeout: 30_000 });

    // Grace asks for her agenda: the bot posts her card into the chat, the first agenda card there.
    const agendaCards = cards.filter({ has: page.getByRole('heading', { name: 'Supervision agenda' }) });
    await sendAsConfiguredUser(stack.playgroundUrl as string, GRACE_PLAYGROUND_ID, 'agenda');
    await waitForCount(agendaCards, 1);
    const graceCard = agendaCards.nth(0);
    await expect(graceCard.textContent()).resolves.toContain('Grace Mwangi');
    expect(await graceCard.getByText('No items yet').count()).toBeGreaterThan(0);

    // Liam adds two items by chat; each answer names the item's number and the session, never its text.
    const added = cards.filter({ hasText: 'Added to the agenda' });
    for (const [i, item] of [FIRST, SECOND].entries()) {
      await typeMessage(page, `add ${item}`);
      await waitForCount(added, i + 1);
      const confirmation = (await added.nth(i).textContent()) ?? '';
      expect(confirmation).toContain(`Item ${i + 1} on the agenda for`);
      for (const text of ITEMS) expect(confirmation).not.toContain(text);
    }

    // Each chat addition has already updated Grace's card in place.
    await expect.poll(() => itemLines(graceCard), { timeout: 30_000 }).toEqual(lines([FIRST, SECOND]));

    // Liam opens his agenda card, the second one in the chat, and adds the third item on it.
    await typeMessage(page, 'agenda');
    await waitForCount(agendaCards, 2);
    const liamCard = agendaCards.nth(1);
    await expect.poll(() => itemLines(liamCard), { timeout: 30_000 }).toEqual(lines([FIRST, SECOND]));
    await liamCard.getByPlaceholder(ITEM_PLACEHOLDER).fill(THIRD);
    await liamCard.getByRole('button', { name: 'Add item' }).click();
    // The invoke's answer replaces his card in place.
    await liamCard.getByText('Added as item 3.').waitFor({ state: 'visible', timeout: 30_000 });

    // Grace's card, posted before any item existed, now lists all three, in order, each added by Liam.
    await expect.poll(() => itemLines(graceCard), { timeout: 30_000 }).toEqual(lines(ITEMS));
    await expect(itemLines(liamCard)).resolves.toEqual(lines(ITEMS));
    // It is still Grace's view: Liam's items carry no Edit or Remove for her; on Liam's card they do.
    await expect(graceCard.getByRole('button', { name: /^Edit item/ }).count()).resolves.toBe(0);
    await expect(liamCard.getByRole('button', { name: /^Edit item/ }).count()).resolves.toBe(3);
    // Updated in place, never posted again: still two agenda cards, and nothing failed.
    await expect(agendaCards.count()).resolves.toBe(2);
    const chat = (await cards.allTextContents()).join('\n');
    expect(chat).not.toMatch(/Something went wrong|Not added|didn't understand|It looks as if/);
    // The card's own answer was the only one for the third item: no further chat confirmation.
    await expect(added.count()).resolves.toBe(2);
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR ?? '/tmp'}/playground-agenda.png` }).catch(() => undefined);
  });
});
