// The organiser's own meeting opens in Outlook's organiser form (compose mode), where Office.js gives no
// `itemId`, only getItemIdAsync: the pane must still find the meeting, not say "Nothing open".
import { describe, expect, it } from 'vitest';
import { EWS_PREFIX, fakeOffice } from './fake-office.js';
import type { AsyncResult, OfficeApi } from './office.js';
import { readOpenedItem } from './outlook-item.js';

function composeMeeting(answer: AsyncResult<string> | undefined): OfficeApi {
  const office = fakeOffice({ itemType: 'appointment' });
  const item = office.context.mailbox?.item;
  if (!item) throw new Error('no item');
  const withId = answer ? { ...item, getItemIdAsync: (callback: (r: AsyncResult<string>) => void) => queueMicrotask(() => callback(answer)) } : item;
  return { ...office, context: { mailbox: { item: withId, convertToRestId: office.context.mailbox?.convertToRestId ?? ((id) => id) } } };
}

describe('readOpenedItem: the organiser’s meeting (compose mode)', () => {
  it('a saved meeting in the organiser form: its REST id from getItemIdAsync', async () => {
    const office = composeMeeting({ status: 'succeeded', value: `${EWS_PREFIX}AAMkAGOrganiserCopy=` });
    await expect(readOpenedItem(office)).resolves.toEqual({ kind: 'meeting', restId: 'AAMkAGOrganiserCopy=', start: undefined, organizer: undefined });
  });

  it('a meeting not saved yet (Outlook answers failed), or no getItemIdAsync: nothing the pane can use', async () => {
    await expect(readOpenedItem(composeMeeting({ status: 'failed', value: '', error: { message: 'The item has not been saved.' } }))).resolves.toEqual({ kind: 'none' });
    await expect(readOpenedItem(composeMeeting(undefined))).resolves.toEqual({ kind: 'none' });
  });

  it('read mode is as openedItem says', async () => {
    await expect(readOpenedItem(fakeOffice({ itemType: 'appointment', itemId: `${EWS_PREFIX}e1` }))).resolves.toEqual({
      kind: 'meeting',
      restId: 'e1',
      start: undefined,
      organizer: undefined,
    });
    await expect(readOpenedItem(fakeOffice(null))).resolves.toEqual({ kind: 'none' });
  });
});
