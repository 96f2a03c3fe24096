// What the pane was opened on, read from Office.js: a meeting (its REST id, for the server to match),
// an email (its subject, and its text only when asked), or nothing the pane can use.

import type { OfficeApi } from './office.js';

export type OpenedItem =
  | {
      readonly kind: 'meeting';
      readonly restId: string;
      /** When Outlook says it starts, and who organises it: the server uses them only when it cannot read the caller's copy. */
      readonly start?: string | undefined;
      readonly organizer?: string | undefined;
    }
  | { readonly kind: 'mail'; readonly subject: string; readBodyText(): Promise<string> }
  | { readonly kind: 'none' };

/** Office.MailboxEnums.RestVersion.v2_0: the id Microsoft Graph uses. */
const REST_V2 = 'v2.0';

export function openedItem(office: OfficeApi): OpenedItem {
  const mailbox = office.context.mailbox;
  const item = mailbox?.item;
  if (!mailbox || !item) return { kind: 'none' };
  if (item.itemType === 'appointment') {
    if (!item.itemId) return { kind: 'none' };
    const start = item.start instanceof Date && !Number.isNaN(item.start.getTime()) ? item.start.toISOString() : undefined;
    return {
      kind: 'meeting',
      restId: mailbox.convertToRestId(item.itemId, office.MailboxEnums?.RestVersion?.v2_0 ?? REST_V2),
      start,
      organizer: item.organizer?.emailAddress || undefined,
    };
  }
  if (item.itemType === 'message') {
    const body = item.body;
    return {
      kind: 'mail',
      subject: item.subject ?? '',
      readBodyText: () =>
        new Promise<string>((resolve, reject) => {
          if (!body) {
            resolve('');
            return;
          }
          body.getAsync('text', (result) =>
            result.status === 'succeeded' ? resolve(result.value) : reject(new Error(result.error?.message ?? 'The message text could not be read.')),
          );
        }),
    };
  }
  return { kind: 'none' };
}

/**
 * What the pane was opened on, including the organiser's own meeting: Outlook opens it in the organiser
 * form (compose mode), which has no `itemId`, so its id is asked for with getItemIdAsync. A meeting
 * not saved yet (Outlook answers `failed`) is nothing the pane can use.
 */
export async function readOpenedItem(office: OfficeApi): Promise<OpenedItem> {
  const found = openedItem(office);
  const mailbox = office.context.mailbox;
  const item = mailbox?.item;
  if (found.kind !== 'none' || !mailbox || !item || item.itemType !== 'appointment' || item.itemId || !item.getItemIdAsync) return found;
  const getItemIdAsync = item.getItemIdAsync.bind(item);
  const ewsId = await new Promise<string>((resolve) => {
    try {
      getItemIdAsync((result) => resolve(result.status === 'succeeded' && typeof result.value === 'string' ? result.value : ''));
    } catch {
      resolve('');
    }
  });
  if (!ewsId) return { kind: 'none' };
  try {
    return { kind: 'meeting', restId: mailbox.convertToRestId(ewsId, office.MailboxEnums?.RestVersion?.v2_0 ?? REST_V2) };
  } catch {
    return { kind: 'none' };
  }
}
