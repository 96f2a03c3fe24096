// End to end in the tab, one stack and one browser: the server refuses Grace Mwangi's token (401, as for an
// expired one) on an autosave of her supervision record draft. Refused once, the tab renews the token (the
// demo user signs in again), saves again and nobody sees a thing. Refused again after renewing, she is told
// in plain words and what she typed stays in the field. Playwright's page.route stands in for the refusing
// server; everything else is the real stack. Fictional people and text only.

import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LAPSED } from '../../src/tab/api/authorised.js';
import { callApi, tokenFor } from '../support/api.js';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { launchChromium } from './support/browser.js';
import { bookNextSession } from './support/book-next-session.js';
import { ensureTabBuilt } from './support/build-tab.js';
import { expectAccessible, openTabPage, signIn } from './support/tab-page.js';

const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';

const FIRST_ANSWER = 'Settled after the move to the new building';
const WORKLOAD = 'Two new referrals this week; cover for the trip on Thursday';

/** What the server's auth middleware (src/bot/http/require-caller.ts) sends for an expired token. */
const EXPIRED = {
  status: 401,
  headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  contentType: 'application/json',
  body: JSON.stringify({ error: 'token_expired', message: 'Your sign-in has expired. Copy anything you have typed, then close the app and open it again.' }),
};

let stack: RunningStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let pageErrors: string[] = [];
let sessionId = '';
let recordId = '';

/** In order: each save of the record (PUT) with its bearer token and who answered it, and each demo sign-in with the token it got. */
type Step = { kind: 'save'; authorization: string | undefined; answeredBy: 'fake 401' | 'server' } | { kind: 'sign-in'; token: string };
let steps: Step[] = [];
/** How many of the next saves the fake answers with 401 instead of the server. */
let refuseNext = 0;

beforeAll(async () => {
  await ensureTabBuilt();
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  sessionId = (await bookNextSession(stack.app, GRACE, LIAM)).sessionId;
  ({ context, page, pageErrors } = await openTabPage(browser));

  await page.route('**/api/dev/sign-in', async (route: Route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { accessToken?: string };
    if (body.accessToken) steps.push({ kind: 'sign-in', token: body.accessToken });
    await route.fulfill({ response });
  });
  await page.route(
    (url) => recordId !== '' && decodeURIComponent(url.pathname) === `/api/records/${recordId}`,
    async (route: Route) => {
      const request = route.request();
      if (request.method() !== 'PUT') return route.continue();
      const authorization = (await request.headerValue('authorization')) ?? undefined;
      if (refuseNext > 0) {
        refuseNext -= 1;
        steps.push({ kind: 'save', authorization, answeredBy: 'fake 401' });
        return route.fulfill(EXPIRED);
      }
      steps.push({ kind: 'save', authorization, answeredBy: 'server' });
      return route.continue();
    },
  );
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

const saveStatus = () => page.getByRole('status').filter({ hasText: /^(Saving…|Saved at \d\d:\d\d|Changes not saved yet…|Not saved: .*)$/ });
const q1 = () => page.getByRole('textbox', { name: /^How have you been since your last supervision\?/ });
const workload = () => page.getByRole('textbox', { name: /^Workload or team issues to discuss/ });

/** The record's answers as the server has them, read through the API as Grace. */
async function storedAnswers(): Promise<Record<string, string>> {
  const stack = running();
  const reply = await callApi<{ record: { content: { answers: Record<string, string> } } }>(
    stack,
    await tokenFor(stack, GRACE),
    'GET',
    `/api/records/${encodeURIComponent(recordId)}`,
  );
  expect(reply.status).toBe(200);
  return reply.body.record.content.answers;
}

/** Every text the page's status and alert regions show from now on, kept in `window.shownMessages`, so a message shown only for a moment is caught. */
async function watchMessages(): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { shownMessages: string[] }).shownMessages = seen;
    const collect = () => {
      for (const el of document.querySelectorAll('[role="status"], [role="alert"]')) {
        const text = (el.textContent ?? '').trim();
        if (text && !seen.includes(text)) seen.push(text);
      }
    };
    new MutationObserver(collect).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const shownMessages = () => page.evaluate(() => (window as unknown as { shownMessages: string[] }).shownMessages);

describe('the tab renews a refused token and saves anyway', () => {
  it('the fake 401 has the shape of the real server’s refusal', async () => {
    const real = await callApi<Record<string, unknown>>(running(), 'not-a-token', 'GET', '/api/me');
    expect(real.status).toBe(401);
    expect(real.headers.get('www-authenticate')).toBe(EXPIRED.headers['WWW-Authenticate']);
    expect(Object.keys(real.body).sort()).toEqual(Object.keys(JSON.parse(EXPIRED.body) as object).sort());
  });

  it('an autosave refused once with 401 is saved after renewing the token, with no message to Grace', async () => {
    await page.goto(`${running().serverUrl}/sessions/${encodeURIComponent(sessionId)}`);
    await signIn(page, 'Grace Mwangi');
    await page.getByRole('region', { name: 'Records' }).getByRole('button', { name: 'Start the supervision record' }).click();
    await page.getByRole('heading', { name: 'Supervision record', level: 2 }).waitFor();
    recordId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    expect(recordId).toBe(`${sessionId}.individual`);
    await watchMessages();

    steps = [];
    refuseNext = 1;
    await q1().fill(FIRST_ANSWER);
    await expect.poll(() => saveStatus().textContent(), { timeout: 15_000 }).toMatch(/^Saved at \d\d:\d\d$/);

    // Refused once; the tab signed in again and sent the same save once more, with the new token.
    expect(steps.map((s) => (s.kind === 'save' ? s.answeredBy : s.kind))).toEqual(['fake 401', 'sign-in', 'server']);
    const [refused, renewed, retried] = steps as [Extract<Step, { kind: 'save' }>, Extract<Step, { kind: 'sign-in' }>, Extract<Step, { kind: 'save' }>];
    expect(refused.authorization).toMatch(/^Bearer \S+$/);
    expect(retried.authorization).toBe(`Bearer ${renewed.token}`);
    expect(refuseNext).toBe(0);

    // The server has the answer.
    expect((await storedAnswers()).q1).toBe(FIRST_ANSWER);
    // Nothing went wrong as far as Grace can tell: no alert, and the save status never said "Not saved".
    expect((await page.getByRole('alert').allTextContents()).filter((text) => text.trim() !== '')).toEqual([]);
    expect(await shownMessages()).toContainEqual(expect.stringMatching(/^Saved at /)); // the watch works
    expect(await shownMessages()).not.toContainEqual(expect.stringMatching(/^Not saved:|Something went wrong|sign-in has expired/));
    expect(await q1().inputValue()).toBe(FIRST_ANSWER);
    await expectAccessible(page, 'Record, saved after the token was renewed');
  });

  it('refused again after renewing, the save says so in plain words and the typing stays in the field', async () => {
    steps = [];
    refuseNext = 2;
    await workload().fill(WORKLOAD);
    await saveStatus().getByText(`Not saved: ${SIGN_IN_LAPSED}`).waitFor();

    // One renewal and one retry only: no loop of sign-ins or saves.
    expect(steps.map((s) => (s.kind === 'save' ? s.answeredBy : s.kind))).toEqual(['fake 401', 'sign-in', 'fake 401']);
    expect(refuseNext).toBe(0);
    // What she typed is still on the screen, with a way to try again; the server does not have it.
    expect(await workload().inputValue()).toBe(WORKLOAD);
    expect(await q1().inputValue()).toBe(FIRST_ANSWER);
    const tryAgain = page.getByRole('button', { name: 'Try again' });
    await tryAgain.waitFor();
    expect((await storedAnswers()).q9 ?? '').toBe('');
    await expectAccessible(page, 'Record, not saved: the sign-in could not be renewed');

    // Once the server accepts the token again, "Try again" saves what is in the field.
    await tryAgain.click();
    await expect.poll(() => saveStatus().textContent(), { timeout: 15_000 }).toMatch(/^Saved at \d\d:\d\d$/);
    expect((await storedAnswers()).q9).toBe(WORKLOAD);
    expect(await workload().inputValue()).toBe(WORKLOAD);
    expect(pageErrors).toEqual([]);
  });
});
