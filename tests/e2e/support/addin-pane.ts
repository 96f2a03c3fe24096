// The Outlook add-in's task pane in Chromium, with a stub Office.js saying what is open in Outlook, signed
// in as a demo user through the local picker. Shared by the add-in's end-to-end tests.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openTabPage } from './tab-page.js';

/** What the stub Office.js says is open in Outlook. EWS ids carry a prefix the stub's convertToRestId removes. */
export interface StubItem {
  itemType: 'appointment' | 'message';
  itemId: string;
  subject: string;
  bodyText?: string;
  /** A meeting's start (ISO) and organiser's address, as Outlook gives them. */
  start?: string;
  organizer?: string;
}

/** The pane on this item, signed in as `name`; `watch` sees the page before it loads anything. */
export async function openAddinPane(
  browser: Browser,
  serverUrl: string,
  item: StubItem,
  name: string,
  watch: (page: Page) => void = () => undefined,
): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const opened = await openTabPage(browser);
  const { page } = opened;
  watch(page);
  await page.addInitScript((stub: StubItem) => {
    const item = {
      itemType: stub.itemType,
      itemId: stub.itemId,
      subject: stub.subject,
      start: stub.start === undefined ? undefined : new Date(stub.start),
      organizer: stub.organizer === undefined ? undefined : { emailAddress: stub.organizer },
      body: {
        getAsync: (_coercion: string, callback: (r: { status: string; value: string }) => void) =>
          setTimeout(() => callback({ status: 'succeeded', value: stub.bodyText ?? '' }), 0),
      },
    };
    Object.defineProperty(window, 'Office', {
      value: {
        onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
        context: { mailbox: { item, convertToRestId: (id: string) => (id.startsWith('ews:') ? id.slice(4) : id) } },
        MailboxEnums: { RestVersion: { v2_0: 'v2.0' } },
      },
    });
  }, item);
  await page.goto(`${serverUrl}/addin/pane.html`);
  await page.getByRole('radiogroup', { name: 'Choose a demo user' }).waitFor();
  await page.getByRole('radio', { name: new RegExp(name) }).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText(`Signed in as ${name}`).waitFor();
  return opened;
}
