import { describe, expect, it } from 'vitest';
import { EWS_PREFIX, fakeOffice } from './fake-office.js';
import { loadOffice, mightBeInOffice, OFFICE_JS_URL, type WindowWithOffice } from './office.js';
import { openedItem } from './outlook-item.js';

describe('openedItem: what the pane was opened on', () => {
  it('a meeting: its REST id (v2.0), converted from the EWS id Outlook gives', () => {
    const office = fakeOffice({ itemType: 'appointment', itemId: `${EWS_PREFIX}AAMkAGI2TG93AAA=`, subject: 'Safeguarding supervision' });
    expect(openedItem(office)).toEqual({ kind: 'meeting', restId: 'AAMkAGI2TG93AAA=', start: undefined, organizer: undefined });
    expect(office.conversions).toEqual([{ itemId: `${EWS_PREFIX}AAMkAGI2TG93AAA=`, restVersion: 'v2.0' }]);
  });

  it('a meeting: with its start and organiser, for when the server cannot read the attendee’s own copy', () => {
    const office = fakeOffice({ itemType: 'appointment', itemId: 'e1', start: new Date('2027-02-12T10:00:00Z'), organizer: 'grace.mwangi@oakfield.example' });
    expect(openedItem(office)).toEqual({ kind: 'meeting', restId: 'e1', start: '2027-02-12T10:00:00.000Z', organizer: 'grace.mwangi@oakfield.example' });
  });

  it('a meeting being created (no id yet) is nothing the pane can use', () => {
    expect(openedItem(fakeOffice({ itemType: 'appointment' })).kind).toBe('none');
  });

  it('an email: its subject at once, its text only when asked for', async () => {
    const office = fakeOffice({ itemType: 'message', itemId: 'm1', subject: 'Attendance: J.B.', bodyText: 'Can we talk about\nthis on Friday?' });
    const item = openedItem(office);
    expect(item.kind).toBe('mail');
    if (item.kind !== 'mail') return;
    expect(item.subject).toBe('Attendance: J.B.');
    expect(office.conversions).toEqual([]);
    await expect(item.readBodyText()).resolves.toBe('Can we talk about\nthis on Friday?');
  });

  it('an email whose text Outlook cannot give: the promise is refused with Outlook’s words', async () => {
    const item = openedItem(fakeOffice({ itemType: 'message', subject: 'Hello', bodyFails: true }));
    if (item.kind !== 'mail') throw new Error('expected mail');
    await expect(item.readBodyText()).rejects.toThrow(/not available/);
  });

  it('no item (the pane pinned with nothing selected)', () => {
    expect(openedItem(fakeOffice(null)).kind).toBe('none');
  });
});

describe('loadOffice: Office.js only inside an Office host', () => {
  const plain = (): WindowWithOffice => {
    const w = { self: {}, parent: {}, opener: null } as { self: unknown; parent: unknown; opener: unknown };
    w.parent = w.self;
    return w;
  };

  it('a plain browser tab: nothing is loaded, and there is no Office', async () => {
    const loads: string[] = [];
    expect(mightBeInOffice(plain())).toBe(false);
    await expect(loadOffice(plain(), (url) => (loads.push(url), Promise.resolve()))).resolves.toBeUndefined();
    expect(loads).toEqual([]);
  });

  it('a stub already on the page (tests) is used, and nothing is downloaded', async () => {
    const loads: string[] = [];
    const office = fakeOffice({ itemType: 'message', subject: 'Hi' });
    await expect(loadOffice({ ...plain(), Office: office }, (url) => (loads.push(url), Promise.resolve()))).resolves.toBe(office);
    expect(loads).toEqual([]);
  });

  it('framed by Outlook on the web: Office.js is loaded from Microsoft’s CDN, then used once ready', async () => {
    const win: WindowWithOffice = { self: {}, parent: {}, opener: null };
    const office = fakeOffice({ itemType: 'appointment', itemId: 'e1' });
    const loads: string[] = [];
    const got = await loadOffice(win, (url) => {
      loads.push(url);
      win.Office = office;
      return Promise.resolve();
    });
    expect(loads).toEqual([OFFICE_JS_URL]);
    expect(got).toBe(office);
  });

  it('classic Outlook on Windows (WebView2) may host the pane', () => {
    expect(mightBeInOffice({ ...plain(), chrome: { webview: {} } } as WindowWithOffice)).toBe(true);
  });

  it('Office.js that finds no host (opened outside Outlook) gives no Office', async () => {
    await expect(loadOffice({ ...plain(), Office: fakeOffice(null, null) })).resolves.toBeUndefined();
  });
});
