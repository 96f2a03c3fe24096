// The Outlook add-in's meeting pane when the session changes under it: Liam Doherty's own calendar
// cannot be read (as outside the app's calendar scope), so the pane found his session from the item's
// start and organiser. The session is then cancelled while he is postponing it: the pane must show the
// session as it now is (cancelled), not "could not be checked" because the meeting's old start no
// longer names a booked session. Fictional people only.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/shared/access/app-roles.js';
import { ADMIN_ID } from '../../tools/m365-emulator/src/index.js';
import { graphReader, mailOf } from '../support/graph-reader.js';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { launchChromium } from './support/browser.js';
import { bookNextSession } from './support/book-next-session.js';
import { ensureTabBuilt } from './support/build-tab.js';
import { openAddinPane } from './support/addin-pane.js';

const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';
const ADMIN: Caller = { id: ADMIN_ID, roles: ['Safeguarding.Admin'] };

let stack: RunningStack | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
let session = { sessionId: '', start: '' };

function running(): RunningStack {
  if (!stack) throw new Error('beforeAll did not start the stack');
  return stack;
}

beforeAll(async () => {
  await ensureTabBuilt();
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  session = await bookNextSession(stack.app, GRACE, LIAM);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stack?.app.idle();
  await stack?.stop();
});

async function openMeetingPane(itemId: string, start: string, organizer: string): Promise<Page> {
  if (!browser) throw new Error('no browser');
  const { context, page } = await openAddinPane(
    browser,
    running().serverUrl,
    { itemType: 'appointment', itemId, subject: 'Safeguarding supervision', start, organizer },
    'Liam Doherty',
  );
  contexts.push(context);
  return page;
}

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
      const page = await openMeetingPane('ews:AAMkAG-his-copy-the-app-cannot-read', start, organizer);
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
