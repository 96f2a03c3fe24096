import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testCalendar } from '../calendar/test-fixtures.js';
import { makeWorkingCalendar } from '../calendar/working-calendar.js';
import { targetWindows } from '../scheduling/target-windows.js';
import type { Cadence } from '../policy/supervision-policy.js';
import { meetingBodyHtml, meetingTransactionId, postponementSchema, sessionId, sessionSchema, SESSION_SUBJECT } from './session.js';

const wc = makeWorkingCalendar(testCalendar());
const CADENCES: Cadence[] = [{ kind: 'half-termly' }, { kind: 'termly' }, { kind: 'monthly' }, { kind: 'every-n-weeks', weeks: 6 }, { kind: 'every-n-weeks', weeks: 2 }];
const ALL_WINDOW_IDS = ['2025/26', '2026/27'].flatMap((y) => CADENCES.flatMap((c) => targetWindows(wc, y, c).map((w) => w.id)));
const ARRANGEMENT = '8eecac95-1ef9-40ef-84d0-b31b8af76d00';
// RFC 3986 unreserved characters: nothing to escape in a path segment.
const UNRESERVED = /^[A-Za-z0-9._~-]+$/;

describe('sessionId', () => {
  it('is derived from the arrangement and the window, and is the same every time', () => {
    expect(sessionId(ARRANGEMENT, '2026/27:spring1')).toBe(`${ARRANGEMENT}.2026-27-spring1`);
    expect(sessionId(ARRANGEMENT, '2026/27:spring1')).toBe(sessionId(ARRANGEMENT, '2026/27:spring1'));
  });

  it('is URL-safe for every window of every cadence', () => {
    expect(ALL_WINDOW_IDS.length).toBeGreaterThan(40);
    for (const w of ALL_WINDOW_IDS) {
      const id = sessionId(ARRANGEMENT, w);
      expect(id).toMatch(UNRESERVED);
      expect(encodeURIComponent(id)).toBe(id);
    }
  });

  it('tells the windows of one arrangement apart, and arrangements apart', () => {
    const ids = ALL_WINDOW_IDS.map((w) => sessionId(ARRANGEMENT, w));
    expect(new Set(ids).size).toBe(new Set(ALL_WINDOW_IDS).size);
    expect(sessionId(ARRANGEMENT, '2026/27:spring1')).not.toBe(sessionId('9eecac95-1ef9-40ef-84d0-b31b8af76d00', '2026/27:spring1'));
  });

  it('property: URL-safe and deterministic for any server-made arrangement id (UUID) and any window id', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }), (arrangementId, windowId) => {
        const id = sessionId(arrangementId, windowId);
        expect(id).toMatch(UNRESERVED);
        expect(encodeURIComponent(id)).toBe(id);
        expect(sessionId(arrangementId, windowId)).toBe(id);
        expect(id.startsWith(`${arrangementId}.`)).toBe(true);
      }),
    );
  });

  it('the meeting transactionId follows the session id', () => {
    expect(meetingTransactionId(`${ARRANGEMENT}.2026-27-spring1`)).toBe(`ss-${ARRANGEMENT}.2026-27-spring1`);
  });
});

// The whole invitation body: two neutral sentences and one link. Nothing else may ever be in it.
const BODY = /^<p>Safeguarding supervision\.<\/p><p>Agenda, records and changes: <a href="([^"<>']*)">open the session in the Safeguarding Supervision app<\/a>\.<\/p>$/;
const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

describe('meetingBodyHtml', () => {
  it('is the neutral text and the link, nothing more', () => {
    const link = `https://school.example/sessions/${ARRANGEMENT}.2026-27-spring1`;
    const html = meetingBodyHtml(link);
    expect(html).toBe(`<p>Safeguarding supervision.</p><p>Agenda, records and changes: <a href="${link}">open the session in the Safeguarding Supervision app</a>.</p>`);
    expect(html.replace(/<[^>]*>/g, '')).toBe('Safeguarding supervision.Agenda, records and changes: open the session in the Safeguarding Supervision app.');
    expect(SESSION_SUBJECT).toBe('Safeguarding supervision');
  });

  it('escapes a hostile link so it cannot leave the href or add markup', () => {
    const link = `https://x.example/s?a=1&b="><script>alert('x')</script><a href="`;
    const html = meetingBodyHtml(link);
    expect(html).not.toContain('<script');
    const m = BODY.exec(html);
    expect(m).not.toBeNull();
    expect(decode(m?.[1] ?? '')).toBe(link);
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('property: for any link, the body has exactly the fixed text and the link round-trips through the href', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.webUrl({ withQueryParameters: true, withFragments: true })), (link) => {
        const m = BODY.exec(meetingBodyHtml(link));
        expect(m).not.toBeNull();
        // Only escapes: an ampersand is always the start of a numeric character reference.
        expect(m?.[1]).not.toMatch(/&(?!#\d+;)/);
        expect(decode(m?.[1] ?? '')).toBe(link);
      }),
      { numRuns: 60 },
    );
  });
});

describe('session schemas', () => {
  const session = {
    id: `${ARRANGEMENT}.2026-27-spring1`,
    arrangementId: ARRANGEMENT,
    academicYear: '2026/27',
    windowId: '2026/27:spring1',
    windowLabel: 'Spring 1',
    start: '2027-01-13T10:00:00Z',
    end: '2027-01-13T11:00:00Z',
    status: 'booked',
    organiserMailbox: 'daniel',
    eventId: 'ev-1',
    iCalUId: 'ical-1',
    postponements: [],
  };

  it('accepts a session and refuses one whose time does not exist', () => {
    expect(sessionSchema.safeParse(session).success).toBe(true);
    expect(sessionSchema.safeParse({ ...session, start: '2027-02-30T09:00:00Z' }).success).toBe(false);
    expect(sessionSchema.safeParse({ ...session, status: 'moved' }).success).toBe(false);
  });

  it('a postponement needs one of the fixed reasons and keeps a note short', () => {
    const p = {
      fromStart: session.start,
      fromEnd: session.end,
      toStart: '2027-01-14T10:00:00Z',
      toEnd: '2027-01-14T11:00:00Z',
      reason: 'illness',
      byId: 'x',
      at: '2027-01-12T08:00:00Z',
    };
    expect(postponementSchema.safeParse(p).success).toBe(true);
    expect(postponementSchema.safeParse({ ...p, reason: 'because' }).success).toBe(false);
    expect(postponementSchema.safeParse({ ...p, note: 'x'.repeat(201) }).success).toBe(false);
  });
});
