// A typed stand-in for Office.js in an Outlook read pane, for unit tests (the e2e test injects the
// same shape as window.Office). office-addin-mock is not used: it reports usage data from every
// mock it builds, brings office-addin-manifest's dependencies with it, is typed `any` throughout, and
// models Excel/Word's load/sync rather than the Mailbox API's properties and callbacks.
import type { AsyncResult, OfficeApi, OutlookItemApi } from './office.js';

export interface FakeItem {
  itemType: 'appointment' | 'message';
  itemId?: string;
  subject?: string;
  start?: Date;
  organizer?: string;
  bodyText?: string;
  /** The body cannot be read (Outlook answers `failed`). */
  bodyFails?: boolean;
}

export interface FakeOffice extends OfficeApi {
  /** Every convertToRestId call, in order. */
  readonly conversions: { itemId: string; restVersion: string }[];
}

/** EWS ids and REST ids differ in Outlook; here the REST id is the EWS id with its prefix taken off. */
export const EWS_PREFIX = 'ews:';

export function fakeOffice(item: FakeItem | null, host: string | null = 'Outlook'): FakeOffice {
  const conversions: { itemId: string; restVersion: string }[] = [];
  const outlookItem: OutlookItemApi | null = item && {
    itemType: item.itemType,
    itemId: item.itemId,
    subject: item.subject,
    start: item.start,
    organizer: item.organizer === undefined ? undefined : { emailAddress: item.organizer },
    body: {
      getAsync: (_coercion, callback) => {
        const result: AsyncResult<string> = item.bodyFails
          ? { status: 'failed', value: '', error: { message: 'The item is not available.' } }
          : { status: 'succeeded', value: item.bodyText ?? '' };
        queueMicrotask(() => callback(result));
      },
    },
  };
  return {
    conversions,
    onReady: () => Promise.resolve({ host, platform: host ? 'OfficeOnline' : null }),
    context: {
      mailbox: {
        item: outlookItem,
        convertToRestId: (itemId, restVersion) => {
          conversions.push({ itemId, restVersion });
          return itemId.startsWith(EWS_PREFIX) ? itemId.slice(EWS_PREFIX.length) : itemId;
        },
      },
    },
    MailboxEnums: { RestVersion: { v2_0: 'v2.0' } },
  };
}
