// End to end: the real server (local mode, emulator identity) serving the built tab, driven by
// Debian's Chromium. A person in a plain browser picks a demo user and is signed in; inside a
// Teams-like host the tab signs in through the host (Nested App Authentication, else Teams SSO)
// with a token the server really validates.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DSL_ID } from '../../tools/m365-emulator/src/seed/demo-school.js';
import { startStack, type RunningStack } from '../support/start-stack.js';
import { launchChromium } from './support/browser.js';
import { ensureTabBuilt } from './support/build-tab.js';

const DANIEL = 'Signed in as Daniel Okafor, Designated Safeguarding Lead';

let stack: RunningStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  await ensureTabBuilt();
  stack = await startStack();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

function running(): { stack: RunningStack; browser: Browser } {
  if (!browser || !stack) throw new Error('beforeAll did not start the stack and browser');
  return { stack, browser };
}

describe('tab sign-in in a plain browser (local mode)', () => {
  let page: Page;
  let requested: string[];

  beforeEach(async () => {
    const { stack, browser } = running();
    context = await browser.newContext();
    page = await context.newPage();
    requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(stack.serverUrl);
    await page.getByRole('radiogroup', { name: 'Choose a demo user' }).waitFor();
  });

  it('signs in as Daniel Okafor from the picker', async () => {
    await page.getByRole('radio', { name: /Daniel Okafor/ }).check();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    const heading = page.getByRole('heading', { name: DANIEL });
    await heading.waitFor();
    expect(await heading.textContent()).toBe(DANIEL);
    // Focus moves to the result so keyboard and screen-reader users land on it.
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    // The token is kept in memory only.
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    // A plain browser never downloads the host-only SDKs (TeamsJS, MSAL).
    expect(requested.filter((p) => /teams-js|msal/.test(p))).toEqual([]);
    expect(requested).toContain('/api/me');
  });

  it('passes an accessibility smoke check', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    expect(await page.title()).toBe('Safeguarding supervision');
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('main', { name: 'Safeguarding supervision' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1, name: 'Safeguarding supervision' }).count()).toBe(1);
    // The live region for errors is present (and empty) before anything goes wrong.
    expect(await page.getByRole('alert', { includeHidden: true }).count()).toBe(1);

    // The picker and every radio in it have accessible names: the person and their job title.
    const radios = page.getByRole('radiogroup', { name: 'Choose a demo user' }).getByRole('radio');
    expect(await radios.count()).toBeGreaterThan(1);
    expect(await page.getByRole('radio', { name: 'Daniel Okafor, Designated Safeguarding Lead' }).count()).toBe(1);
    const unlabelled = await page.locator('input, button, select, textarea').evaluateAll((elements) =>
      elements
        .filter((el) => {
          const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
          const labels = 'labels' in el ? (el as HTMLInputElement).labels : null;
          return !labelled && !(labels && labels.length > 0) && !(el.textContent ?? '').trim();
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unlabelled).toEqual([]);
  });

  it('works with the keyboard alone and says when no one is chosen', async () => {
    // Submit with nothing chosen: a message tied to the field, not a silent failure.
    await page.getByRole('button', { name: 'Sign in', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Choose a person to sign in as.').waitFor();

    await page.getByRole('radio').first().focus();
    // Arrow keys move through the group; Space selects the focused person.
    const daniel = page.getByRole('radio', { name: /Daniel Okafor/ });
    for (let i = 0; i < 20 && !(await daniel.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Space');
    expect(await daniel.isChecked()).toBe(true);
    await page.keyboard.press('Enter'); // submits the form from the radio
    await page.getByRole('heading', { name: DANIEL }).waitFor();

    // Back to the picker, with focus on its heading.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Sign in as someone else"
    const pickerHeading = page.getByRole('heading', { name: 'Sign in to the demo' });
    await pickerHeading.waitFor();
    expect(await pickerHeading.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('shows a server failure as plain words in the alert region, never a stack trace', async () => {
    await page.route('**/api/dev/sign-in', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'internal', message: 'Error: boom\n    at signIn (/srv/app.js:1:1)' }),
      }),
    );
    await page.getByRole('radio', { name: /Daniel Okafor/ }).check();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    const alert = page.getByRole('alert');
    await alert.getByText('The server had a problem. Try again in a moment.').waitFor();
    expect(await alert.textContent()).not.toMatch(/at signIn|app\.js/);
    // Still on the picker, ready to try again.
    expect(await page.getByRole('radiogroup', { name: 'Choose a demo user' }).isVisible()).toBe(true);
  });
});

/** How the fake host answers each Nested App Authentication token request, in turn. */
type NaaOutcome = 'token' | 'USER_INTERACTION_REQUIRED' | 'USER_CANCEL' | 'PERSISTENT_ERROR';

interface FakeHostOptions {
  theme: 'default' | 'dark' | 'contrast';
  /** Teams SSO (`authentication.getAuthToken`) answers in turn (the last repeats); `null` = "CancelledByUser". */
  ssoTokens: (string | null)[];
  /** Offer Nested App Authentication, answering token requests in turn with these outcomes. */
  naa?: { outcomes: NaaOutcome[]; accessToken: string };
}

/**
 * A stand-in for Teams: a page on the tab's own origin that frames the tab and answers TeamsJS's
 * postMessage calls (initialize, getContext, authentication.getAuthToken) and, when `naa` is given,
 * MSAL's Nested App Authentication bridge requests (GetInitContext, GetToken, GetTokenPopup), which
 * TeamsJS relays as `nestedAppAuth.execute`. `window.hostCalls` records what the tab asked for.
 */
function fakeTeamsHost(options: FakeHostOptions): string {
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: {},
    isNAAChannelRecommended: Boolean(options.naa),
    supports: {
      app: {},
      pages: { appButton: {}, tabs: {}, config: {} },
      teamsCore: {},
      dialog: {},
      ...(options.naa ? { nestedAppAuth: {} } : {}),
    },
  };
  const oid = DSL_ID;
  const tid = '7c1f3b52-5d0e-4c7a-9a51-0a0e5c0f5c01';
  const username = 'daniel.okafor@oakfield.example';
  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const idToken = [
    base64url({ alg: 'none', typ: 'JWT' }),
    base64url({ oid, tid, sub: oid, name: 'Daniel Okafor', preferred_username: username, iat: now, exp: now + 3600 }),
    'unsigned',
  ].join('.');
  const naaToken = options.naa && {
    token: { access_token: options.naa.accessToken, expires_in: 3600, id_token: idToken, properties: null },
    account: { homeAccountId: `${oid}.${tid}`, environment: 'login.microsoftonline.com', tenantId: tid, username, localAccountId: oid, name: 'Daniel Okafor' },
  };
  const script = `
    const ssoTokens = ${JSON.stringify(options.ssoTokens)};
    const naaOutcomes = ${JSON.stringify(options.naa?.outcomes ?? [])};
    const naaToken = ${JSON.stringify(naaToken ?? null)};
    window.hostCalls = [];
    window.addEventListener('message', (event) => {
      const message = event.data;
      if (!message || typeof message.func !== 'string') return;
      const reply = (args) => event.source.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, event.origin);
      if (message.func === 'nestedAppAuth.execute') {
        const request = JSON.parse(message.data);
        window.hostCalls.push('naa:' + request.method);
        const respond = (body) => event.source.postMessage(
          { args: [null, JSON.stringify({ messageType: 'NestedAppAuthResponse', requestId: request.requestId, ...body })] },
          event.origin);
        if (request.method === 'GetInitContext') {
          respond({ success: true, initContext: { sdkName: 'fake-teams-host', sdkVersion: '1.0.0', capabilities: { queryAccount: false } } });
        } else {
          const outcome = naaOutcomes.length > 1 ? naaOutcomes.shift() : naaOutcomes[0];
          respond(outcome === 'token' ? { success: true, ...naaToken } : { success: false, error: { status: outcome } });
        }
        return;
      }
      window.hostCalls.push(message.func);
      // Hosts answer initialize as [frame context, client type, SDK version, runtime config].
      if (message.func === 'initialize') reply(['content', 'web', '2.58.0', ${JSON.stringify(JSON.stringify(runtime))}]);
      if (message.func === 'getContext') reply([{ theme: ${JSON.stringify(options.theme)}, locale: 'en-gb', frameContext: 'content', hostClientType: 'web' }]);
      if (message.func === 'authentication.getAuthToken') {
        const token = ssoTokens.length > 1 ? ssoTokens.shift() : ssoTokens[0];
        reply(token ? [true, token] : [false, 'CancelledByUser']);
      }
    });`;
  return `<!doctype html><html lang="en-GB"><head><title>Fake Teams host</title></head><body style="margin:0">
    <iframe title="Safeguarding supervision" src="/" style="border:0;width:100%;height:700px"></iframe>
    <script>${script}</script></body></html>`;
}

describe('tab sign-in inside a Teams-like host', () => {
  const HOST_PATH = '/__fake-teams-host';

  /** A real token from the emulator's issuer, as Teams would hand over an Entra token. */
  async function tokenFor(userId: string): Promise<string> {
    const response = await fetch(`${running().stack.serverUrl}/api/dev/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    const body = (await response.json()) as { accessToken: string };
    return body.accessToken;
  }

  async function openInHost(host: string): Promise<Page> {
    const { stack, browser } = running();
    context = await browser.newContext();
    await context.route(`${stack.serverUrl}${HOST_PATH}`, (route) => route.fulfill({ contentType: 'text/html', body: host }));
    // The stack runs in local mode; tell the tab it is production so it signs in through the host.
    await context.route(`${stack.serverUrl}/api/config`, async (route) => {
      const response = await route.fetch();
      const config = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...config, mode: 'production' } });
    });
    // TeamsJS fetches its list of host domains from a CDN; keep the test on loopback.
    await context.route(
      (url) => url.hostname !== new URL(stack.serverUrl).hostname,
      (route) => route.abort(),
    );
    const page = await context.newPage();
    await page.goto(`${stack.serverUrl}${HOST_PATH}`);
    return page;
  }

  const hostCalls = (page: Page) => page.evaluate(() => (window as unknown as { hostCalls: string[] }).hostCalls);

  it('uses Nested App Authentication: silent needs interaction, so the popup signs in', async () => {
    const accessToken = await tokenFor(DSL_ID);
    const page = await openInHost(fakeTeamsHost({ theme: 'default', ssoTokens: [null], naa: { outcomes: ['USER_INTERACTION_REQUIRED', 'token'], accessToken } }));
    await page.frameLocator('iframe').getByRole('heading', { name: DANIEL }).waitFor();
    const calls = await hostCalls(page);
    expect(calls.filter((call) => call.startsWith('naa:'))).toEqual(['naa:GetInitContext', 'naa:GetToken', 'naa:GetTokenPopup']);
    expect(calls).not.toContain('authentication.getAuthToken');
  });

  it('falls back to Teams SSO when Nested App Authentication fails', async () => {
    const accessToken = await tokenFor(DSL_ID);
    const page = await openInHost(fakeTeamsHost({ theme: 'default', ssoTokens: [accessToken], naa: { outcomes: ['PERSISTENT_ERROR'], accessToken } }));
    await page.frameLocator('iframe').getByRole('heading', { name: DANIEL }).waitFor();
    const calls = await hostCalls(page);
    expect(calls).toEqual(expect.arrayContaining(['naa:GetToken', 'naa:GetTokenPopup', 'authentication.getAuthToken']));
  });

  it('stops when the user cancels the Nested App Authentication popup', async () => {
    const accessToken = await tokenFor(DSL_ID);
    const page = await openInHost(fakeTeamsHost({ theme: 'default', ssoTokens: [accessToken], naa: { outcomes: ['USER_INTERACTION_REQUIRED', 'USER_CANCEL'], accessToken } }));
    const tab = page.frameLocator('iframe');
    await tab.getByRole('alert').getByText('Sign-in was cancelled. Select "Try again" to sign in.').waitFor();
    // No second sign-in window from Teams SSO after the user said no.
    expect(await hostCalls(page)).not.toContain('authentication.getAuthToken');
  });

  it('signs in with Teams SSO when the host offers no NAA, and follows the host theme', async () => {
    const page = await openInHost(fakeTeamsHost({ theme: 'dark', ssoTokens: [await tokenFor(DSL_ID)] }));
    const tab = page.frameLocator('iframe');

    await tab.getByRole('heading', { name: DANIEL }).waitFor();
    expect(await hostCalls(page)).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    expect((await hostCalls(page)).filter((call) => call.startsWith('naa:'))).toEqual([]);
    // No demo-user controls inside a host.
    expect(await tab.getByRole('button', { name: 'Sign in as someone else' }).count()).toBe(0);
    // Teams dark theme: light text on a dark background.
    const [background, text] = await tab.locator('main').evaluate((main) => {
      const provider = main.parentElement ?? main;
      return [getComputedStyle(provider).backgroundColor, getComputedStyle(main).color];
    });
    expect(luminance(background ?? '')).toBeLessThan(0.1);
    expect(luminance(text ?? '')).toBeGreaterThan(0.8);
  });

  it('offers "Try again" when the user cancels the host sign-in, then signs in', async () => {
    const page = await openInHost(fakeTeamsHost({ theme: 'default', ssoTokens: [null, await tokenFor(DSL_ID)] }));
    const tab = page.frameLocator('iframe');

    await tab.getByRole('alert').getByText('Sign-in was cancelled. Select "Try again" to sign in.').waitFor();
    await tab.getByRole('heading', { name: 'You are not signed in' }).waitFor();
    await tab.getByRole('button', { name: 'Try again' }).click();
    await tab.getByRole('heading', { name: DANIEL }).waitFor();
    expect(await tab.getByRole('alert').textContent()).toBe('');
  });
});

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
