// The "Add to supervision agenda" message extension, end to end through the Microsoft 365 Agents Playground's
// web UI: the supervisee (Liam Doherty, the Playground's current user) posts a message in the "Safeguarding
// team" group chat, uses the message action on it ("…" → Action Command; the Playground does not read the
// app manifest, so it asks for the command id, addToAgenda), gets the dialog with the message's text and
// his next session preselected, submits it, and then `agenda` in his personal chat with the bot lists the
// item. Fictional people only (the demo school of the local Microsoft 365 emulator).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { bookNextSession } from './support/book-next-session.js';
import { formatLondonDateTime } from '../../src/shared/calendar/london-format.js';
import { ADD_TO_AGENDA_COMMAND_ID } from '../../src/shared/cards/add-to-agenda-card.js';

const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';
const MESSAGE = 'Cover for Year 9 and case ref 24-117';

let stack: RunningStack;
let browser: Browser;
const pageErrors: string[] = [];

/** Types into the open chat's compose box and sends, as the Playground's current user. */
async function typeMessage(page: Page, text: string): Promise<void> {
  const compose = page.locator('[role="textbox"][contenteditable="true"]').first();
  await compose.click();
  await compose.pressSequentially(text);
  await compose.press('Enter');
}

/** Opens a chat from the Playground's chat list by its name. */
async function openChat(page: Page, name: string): Promise<void> {
  await page.locator(`button[aria-label="${name}"]`).click();
}

/** The agenda lines of an agenda card: "1. <item> — added by <name>". */
function itemLines(card: Locator): Promise<string[]> {
  return card.locator('.ac-richTextBlock').evaluateAll((blocks) => blocks.map((b) => (b.textContent ?? '').trim()).filter((line) => line.includes(' \u2014 added by ')));
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

describe('"Add to supervision agenda" in the Agents Playground web UI', () => {
  it("the message action on a group chat message adds its text to Liam's next session, and `agenda` shows it", async () => {
    const booked = await bookNextSession(stack.app, GRACE, LIAM);
    const when = formatLondonDateTime(booked.start);

    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(stack.playgroundUrl as string);
    await page.locator('[role="textbox"][contenteditable="true"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    const cards = page.locator('.ac-adaptiveCard');
    await cards.filter({ hasText: 'I help your safeguarding team' }).first().waitFor({ state: 'visible', timeout: 30_000 });

    // A message in the staff group chat (not @mentioning the bot, so the bot does not see it).
    await openChat(page, 'Safeguarding team');
    await typeMessage(page, MESSAGE);
    // The message in the conversation (the chat list shows it too, as the chat's preview, in a div).
    const text = page.getByText(MESSAGE, { exact: true }).and(page.locator('span'));
    await text.waitFor({ state: 'visible', timeout: 30_000 });

    // "…" on that message → Action Command → the command id → the dialog, fetched from the bot.
    const more = page.getByRole('button', { name: 'Show more information' });
    const message = page.locator('div').filter({ has: text }).filter({ has: more }).last();
    await message.getByRole('button', { name: 'Show more information' }).click();
    await page.getByRole('menuitem', { name: 'Action Command' }).click();
    const options = page.getByRole('dialog').filter({ hasText: 'Action-Based Message Extension' });
    await options.getByPlaceholder('Input command id or leave blanks').fill(ADD_TO_AGENDA_COMMAND_ID);
    await options.getByRole('radio', { name: /Adaptive Cards/ }).check();
    await options.getByRole('button', { name: 'Create' }).click();

    // The form: the message's text, editable, the reminder, and Liam's one session preselected.
    const dialog = page.getByRole('dialog').filter({ has: page.locator('.ac-adaptiveCard') });
    const form = dialog.locator('.ac-adaptiveCard');
    await form.getByRole('button', { name: 'Add to agenda' }).waitFor({ state: 'visible', timeout: 30_000 });
    const box = form.locator('textarea');
    await expect(box.inputValue()).resolves.toBe(MESSAGE);
    await expect(form.textContent()).resolves.toContain('Use initials or a case reference, never a child\u2019s name');
    const session = form.getByRole('radio', { name: `${when} with Grace Mwangi` });
    await expect(session.isChecked()).resolves.toBe(true);
    await expect(form.getByRole('radio').count()).resolves.toBe(1);

    await form.getByRole('button', { name: 'Add to agenda' }).click();
    await dialog.getByText(`Added as item 1 to the agenda for ${when}.`).waitFor({ state: 'visible', timeout: 30_000 });
    await expect(dialog.textContent()).resolves.not.toContain(MESSAGE);
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR ?? '/tmp'}/playground-message-extension.png` }).catch(() => undefined);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // In his personal chat with the bot, `agenda` lists the item, added by him.
    await openChat(page, 'Personal Chat');
    await typeMessage(page, 'agenda');
    const agenda = cards.filter({ has: page.getByRole('heading', { name: 'Supervision agenda' }) });
    await agenda.first().waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => itemLines(agenda.first()), { timeout: 30_000 }).toEqual([`1. ${MESSAGE} \u2014 added by Liam Doherty`]);
    await expect(agenda.first().textContent()).resolves.toContain(when);

    // Nothing was posted into the group chat, and nothing failed.
    await openChat(page, 'Safeguarding team');
    await text.waitFor({ state: 'visible', timeout: 30_000 });
    const groupChat = (await cards.allTextContents()).join('\n');
    expect(groupChat).not.toMatch(/Supervision agenda|Added to the agenda|Something went wrong/);
    expect(pageErrors).toEqual([]);
  });
});
