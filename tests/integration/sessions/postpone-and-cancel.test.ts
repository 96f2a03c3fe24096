// Postponing and cancelling a booked session: the offered alternatives, the Outlook meeting moving or
// being cancelled for everyone, what a supervisee may not do, and the audit trail of refusals.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID } from '../../../tools/m365-emulator/src/index.js';
import { addDays, isWeekend } from '../../../src/shared/calendar/dates.js';
import { addMinutes, instantToLondon } from '../../../src/shared/calendar/london-time.js';
import { callApi, tokenFor } from '../../support/api.js';
import { graphReader, utc, type GraphEvent, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { bookAndWait, overlaps, YEAR_FROM, YEAR_TO, type SessionView } from '../booking/booking-helpers.js';

const HANNAH = 'a1000000-0000-4000-8000-000000000003'; // supervises the group
const SOPHIE = 'a1000000-0000-4000-8000-000000000005'; // a supervisee in the group, no app role
const TOM = 'a1000000-0000-4000-8000-000000000006'; // a supervisee in the group
const GRACE = 'a1000000-0000-4000-8000-000000000007'; // a supervisee in the group (and supervises Liam)
const LIAM = 'a1000000-0000-4000-8000-000000000008'; // not in the group
const GROUP = [HANNAH, SOPHIE, TOM, GRACE];
// INSET days in 2026/27 (default England calendar): staff are in, but sessions avoid them.
const INSET = new Set(['2026-09-01', '2026-09-02', '2026-11-02', '2027-01-04', '2027-07-22']);

interface Alternatives {
  kind: 'candidates' | 'escalate';
  window: { from: string; deadline: string; explanation: string };
  candidates: { slot: { start: string; end: string; date: string; localStart: string; localEnd: string }; rank: number; workingDaysLater: number; reason: string }[];
  reason?: string;
}
interface ApiError {
  error: string;
  message: string;
  field?: string;
}
interface AuditItem {
  action: string;
  actorId: string;
  targetId: string;
  outcome: string;
  detail: string | null;
}

/** The date `n` weekdays after `date` (no holidays fall in the windows used here; checked below). */
const weekdaysAfter = (date: string, n: number): string => {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (!isWeekend(d)) left -= 1;
  }
  return d;
};

let stack: RunningStack;
let reader: GraphReader;
const token = new Map<string, string>();
let original: SessionView['session'];
let sessionPath = '';
let firstOffer: Alternatives['candidates'][number]['slot'];
let tomBusy: GraphEvent;
let postponedTo: Alternatives['candidates'][number]['slot'];
const refused: { action: string; actorId: string; detail: string }[] = [];

const as = <T>(who: string, method: string, path: string, body?: unknown) => callApi<T>(stack, token.get(who), method, path, body);
const alternatives = (who = SOPHIE) => as<Alternatives>(who, 'GET', `${sessionPath}/alternatives`);
/** Calls the API expecting a refusal that the audit log must then show. */
async function refusedAttempt(who: string, action: 'session.postpone' | 'session.cancel', path: string, body: unknown, status: number, code: string): Promise<ApiError> {
  const res = await as<ApiError>(who, 'POST', path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toBe(code);
  expect(res.body.message).toEqual(expect.any(String));
  refused.push({ action, actorId: who, detail: code });
  return res.body;
}
const eventsOf = async (who: string) => (await reader.calendarView(who, YEAR_FROM, YEAR_TO)).filter((e) => e.iCalUId === original.iCalUId);

beforeAll(async () => {
  stack = await startStack();
  reader = graphReader(stack.emulator);
  for (const id of [ADMIN_ID, ...GROUP, LIAM]) token.set(id, await tokenFor(stack, id));
  const { job } = await bookAndWait(stack, token.get(ADMIN_ID) as string);
  expect(job).toMatchObject({ state: 'done', failed: [] });
  // Sophie's group session in Spring 1: well in the future.
  const mine = await as<{ sessions: SessionView[] }>(SOPHIE, 'GET', '/api/sessions');
  const view = mine.body.sessions.find((v) => v.session.windowLabel === 'Spring 1' && v.arrangement.format === 'group') as SessionView;
  expect(view).toMatchObject({ myPart: 'supervisee', canPostpone: true, canCancel: false });
  original = view.session;
  sessionPath = `/api/sessions/${encodeURIComponent(original.id)}`;
}, 60_000);
afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

describe('postponing a session, as a supervisee', () => {
  it('offers alternatives only within [original date, deadline], in working hours, on school days, never the original time, when everyone is free', async () => {
    const res = await alternatives();
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('candidates');
    const day = instantToLondon(original.start).date;
    expect(res.body.window.from).toBe(day);
    // One working week: five working days after the original (no holiday in between here).
    const deadline = weekdaysAfter(day, 5);
    expect(deadline <= '2027-02-12').toBe(true);
    expect(res.body.window.deadline).toBe(deadline);
    const { candidates } = res.body;
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.length).toBeLessThanOrEqual(5);
    // Every party's other commitments, from Outlook.
    const others = new Map<string, { start: string; end: string }[]>();
    for (const p of GROUP)
      others.set(
        p,
        (await reader.calendarView(p, YEAR_FROM, YEAR_TO)).filter((e) => e.iCalUId !== original.iCalUId && !e.isCancelled).map((e) => ({ start: utc(e.start), end: utc(e.end) })),
      );
    expect([...others.values()].flat().length).toBeGreaterThan(0);
    for (const c of candidates) {
      const { slot } = c;
      const local = instantToLondon(slot.start);
      const localEnd = instantToLondon(slot.end);
      expect(slot.date >= day && slot.date <= deadline, `${slot.date} in [${day}, ${deadline}]`).toBe(true);
      expect([local.date, local.time, localEnd.time]).toEqual([slot.date, slot.localStart, slot.localEnd]);
      expect(slot.localStart >= '08:30' && slot.localEnd <= '17:00' && localEnd.date === local.date, `${slot.localStart}–${slot.localEnd} in working hours`).toBe(true);
      expect(isWeekend(slot.date)).toBe(false);
      expect(INSET.has(slot.date)).toBe(false);
      expect(slot.start).not.toBe(original.start);
      expect(slot.end).toBe(addMinutes(slot.start, 120));
      expect(Date.parse(slot.start)).toBeGreaterThan(Date.now());
      for (const [p, list] of others) for (const b of list) expect(overlaps(slot, b), `${slot.start} clashes with ${p}'s calendar`).toBe(false);
    }
    expect(candidates.map((c) => c.rank)).toEqual(candidates.map((_, i) => i + 1));
    firstOffer = candidates[0]?.slot as typeof firstOffer;
  });

  it("never offers a time when another party is busy in Outlook (a meeting put in Tom's calendar)", async () => {
    tomBusy = await reader.addBusy(TOM, firstOffer.start, firstOffer.end, 'Year 11 parents evening');
    const res = await alternatives();
    expect(res.body.kind).toBe('candidates');
    expect(res.body.candidates.length).toBeGreaterThan(0);
    for (const c of res.body.candidates) expect(overlaps(c.slot, { start: utc(tomBusy.start), end: utc(tomBusy.end) }), `${c.slot.start} overlaps Tom's meeting`).toBe(false);
    expect(res.body.candidates.map((c) => c.slot.start)).not.toContain(firstOffer.start);
    postponedTo = res.body.candidates[0]?.slot as typeof postponedTo;
  });

  it('refuses a time that is not offered with 400 naming start: the original time, an arbitrary time, and one that is now taken', async () => {
    for (const start of [original.start, '2027-03-01T10:00:00Z', firstOffer.start]) {
      const body = await refusedAttempt(SOPHIE, 'session.postpone', `${sessionPath}/postpone`, { start, reason: 'illness' }, 400, 'invalid_request');
      expect(body.field).toBe('start');
      expect(body.message).toMatch(/not one of the times offered/);
    }
    // Someone outside the arrangement may not postpone it at all.
    const outsider = await refusedAttempt(LIAM, 'session.postpone', `${sessionPath}/postpone`, { start: postponedTo.start, reason: 'illness' }, 403, 'forbidden');
    expect(outsider.message).toMatch(/not the supervisor or a supervisee/);
    // A note or a cancellation reason with a control character or a direction override (disguised text):
    // refused by the route, 400 naming the field, and audited as the route's refusal.
    const forgedNote = await as<ApiError & { field?: string }>(SOPHIE, 'POST', `${sessionPath}/postpone`, {
      start: postponedTo.start,
      reason: 'illness',
      note: 'Off sick\u0007',
    });
    expect([forgedNote.status, forgedNote.body.field, forgedNote.body.message]).toEqual([400, 'note', expect.stringMatching(/plain text: no control characters/)]);
    const forgedReason = await as<ApiError & { field?: string }>(HANNAH, 'POST', `${sessionPath}/cancel`, { reason: 'Clash\u202e' });
    expect([forgedReason.status, forgedReason.body.field]).toEqual([400, 'reason']);
    refused.push(
      { action: 'api.postponeSession', actorId: SOPHIE, detail: 'invalid_request; field note' },
      { action: 'api.cancelSession', actorId: HANNAH, detail: 'invalid_request; field reason' },
    );
    const unchanged = await as<SessionView>(SOPHIE, 'GET', sessionPath);
    expect(unchanged.body.session).toMatchObject({ start: original.start, postponements: [], status: 'booked' });
  });

  it("postponing to an offered time moves the organiser's event and every attendee's copy, and records why", async () => {
    const res = await as<SessionView>(SOPHIE, 'POST', `${sessionPath}/postpone`, { start: postponedTo.start, reason: 'illness', note: 'Off sick' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.session).toMatchObject({
      id: original.id,
      status: 'booked',
      start: postponedTo.start,
      end: postponedTo.end,
      eventId: original.eventId,
      windowId: original.windowId,
    });
    expect(res.body.session.postponements).toEqual([
      {
        fromStart: original.start,
        fromEnd: original.end,
        toStart: postponedTo.start,
        toEnd: postponedTo.end,
        reason: 'illness',
        note: 'Off sick',
        byId: SOPHIE,
        at: expect.any(String),
      },
    ]);
    // In Outlook: the organiser's meeting (Hannah's) and each supervisee's copy, once each, at the new time.
    const organiser = await eventsOf(HANNAH);
    expect(organiser).toHaveLength(1);
    expect(organiser[0]).toMatchObject({ id: original.eventId, isOrganizer: true, isCancelled: false, subject: 'Safeguarding supervision' });
    for (const p of GROUP) {
      const mine = await eventsOf(p);
      expect(mine, `${p}'s calendar`).toHaveLength(1);
      expect([utc((mine[0] as GraphEvent).start), utc((mine[0] as GraphEvent).end), (mine[0] as GraphEvent).isCancelled]).toEqual([postponedTo.start, postponedTo.end, false]);
    }
    // getSession shows it, to the supervisor and to oversight-type roles.
    for (const who of [HANNAH, ADMIN_ID, SOPHIE]) {
      const view = await as<SessionView>(who, 'GET', sessionPath);
      expect(view.body.session).toMatchObject({ start: postponedTo.start, postponements: [{ reason: 'illness', toStart: postponedTo.start }] });
    }
    // And the stored item.
    const stored = (await stack.app.store?.query('Sessions', {}))?.map((i) => JSON.parse(String(i.fields.ValueJson)) as SessionView['session']).find((s) => s.id === original.id);
    expect(stored).toMatchObject({ start: postponedTo.start, postponements: [{ reason: 'illness' }] });

    // The same request again (a second click, or a retry after a lost answer): the same answer, nothing more.
    const again = await as<SessionView>(SOPHIE, 'POST', `${sessionPath}/postpone`, { start: postponedTo.start, reason: 'illness', note: 'Off sick' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.session).toEqual(res.body.session);
    expect((await eventsOf(HANNAH)).map((e) => [e.id, utc(e.start), utc(e.end)])).toEqual([[original.eventId, postponedTo.start, postponedTo.end]]);
  });

  it('a second postponement still counts its working week from the time first booked, and never offers the current time', async () => {
    const again = await alternatives();
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.window.from).toBe(instantToLondon(original.start).date);
    expect(again.body.window.deadline).toBe(weekdaysAfter(instantToLondon(original.start).date, 5));
    for (const c of again.body.candidates) {
      expect(c.slot.date <= again.body.window.deadline).toBe(true);
      expect(c.slot.start).not.toBe(postponedTo.start);
      expect(c.slot.start).not.toBe(original.start);
    }
  });
});

describe('cancelling a session', () => {
  it('a supervisee may not cancel: 403 with the reason, and nothing changes', async () => {
    const body = await refusedAttempt(SOPHIE, 'session.cancel', `${sessionPath}/cancel`, { reason: 'Cannot make it' }, 403, 'forbidden');
    expect(body.message).toMatch(/A supervisee cannot cancel a session: postpone it instead/);
    expect((await as<SessionView>(SOPHIE, 'GET', sessionPath)).body.session.status).toBe('booked');
    expect(await eventsOf(HANNAH)).toHaveLength(1);
  });

  it('the supervisor cancels it: cancelled in Outlook for everyone, the reason kept out of the invitation', async () => {
    const reason = 'Ofsted visit that week';
    const res = await as<SessionView>(HANNAH, 'POST', `${sessionPath}/cancel`, { reason });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.session).toMatchObject({ status: 'cancelled', cancellation: { reason, byId: HANNAH, at: expect.any(String) } });
    expect(res.body).toMatchObject({ canPostpone: false, canCancel: false });
    // The organiser's meeting is gone (Exchange moves it to Deleted Items); every copy is cancelled.
    expect(await eventsOf(HANNAH)).toEqual([]);
    expect((await reader.emulatorEvents(HANNAH)).filter((e) => e.iCalUId === original.iCalUId && !e.isCancelled)).toEqual([]);
    for (const p of [SOPHIE, TOM, GRACE]) {
      const copies = await eventsOf(p);
      expect(copies.length, `${p}'s copy`).toBeLessThanOrEqual(1);
      for (const c of copies) {
        expect(c.isCancelled).toBe(true);
        expect(c.body.content).not.toContain('Ofsted');
        expect(c.subject).not.toContain('Ofsted');
      }
    }
    expect((await as<SessionView>(SOPHIE, 'GET', sessionPath)).body.session.status).toBe('cancelled');
  });

  it('postponing a cancelled session is refused with 409', async () => {
    const body = await refusedAttempt(SOPHIE, 'session.postpone', `${sessionPath}/postpone`, { start: postponedTo.start, reason: 'clash' }, 409, 'session_not_booked');
    expect(body.message).toMatch(/cancelled/);
    expect((await alternatives()).status).toBe(409);
    // Cancelling it again is a conflict too.
    await refusedAttempt(HANNAH, 'session.cancel', `${sessionPath}/cancel`, { reason: 'again' }, 409, 'session_not_booked');
  });
});

describe('the audit log', () => {
  it('has an entry for every refused attempt, and for what was done', async () => {
    const items = ((await stack.app.store?.query('AuditLog', {})) ?? []).map((i): AuditItem => ({
      action: String(i.fields.Action),
      actorId: String(i.fields.ActorId),
      targetId: String(i.fields.TargetId),
      outcome: String(i.fields.Outcome),
      detail: (i.fields.Detail as string | null) ?? null,
    }));
    const forSession = items.filter((i) => i.targetId === original.id);
    const refusals = forSession.filter((i) => i.outcome === 'refused').map(({ action, actorId, detail }) => ({ action, actorId, detail }));
    expect(refused.length).toBe(9);
    const key = (r: { action: string; actorId: string; detail: string | null }) => `${r.action}|${r.actorId}|${r.detail}`;
    expect(refusals.map(key).sort()).toEqual(refused.map(key).sort());
    expect(forSession.filter((i) => i.outcome === 'done').map((i) => [i.action, i.actorId])).toEqual(
      expect.arrayContaining([
        ['session.postpone', SOPHIE],
        ['session.cancel', HANNAH],
      ]),
    );
    // Entries carry codes, never the reasons people typed.
    for (const i of forSession) expect(`${i.detail ?? ''}`).not.toMatch(/Ofsted|Off sick|Cannot make it/);
  });
});

describe('booking the year again after a cancellation', () => {
  // A window whose session was cancelled is booked again as a new session (id `<arrangement>.<window>.2`)
  // with its own meeting, so every live meeting belongs to a booked session that knows it.
  it('leaves no meeting in Outlook that the app does not track', async () => {
    const { job } = await bookAndWait(stack, token.get(ADMIN_ID) as string);
    expect(job).toMatchObject({ state: 'done', failed: [] });
    const live = (await reader.emulatorEvents()).filter((e) => e.isOrganizer && !e.isCancelled && e.transactionId?.startsWith('ss-'));
    const sessions = new Map(
      ((await stack.app.store?.query('Sessions', {})) ?? []).map((i) => {
        const v = JSON.parse(String(i.fields.ValueJson)) as SessionView['session'];
        return [v.id, v] as const;
      }),
    );
    // Every live meeting the app made belongs to a booked session that knows it.
    const untracked = live.filter((e) => {
      const s = sessions.get((e.transactionId as string).slice('ss-'.length));
      return !s || s.status !== 'booked' || s.eventId !== e.id;
    });
    expect(untracked.map((e) => `${e.transactionId} ${e.startUtc}`)).toEqual([]);
  });
});
