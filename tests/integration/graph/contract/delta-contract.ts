import { expect, it } from 'vitest';
import { eventually, failure, graphCalls, slotFactory, type GraphEvent } from './graph-calls.js';
import type { ContractTarget } from './target.js';

interface DeltaPage {
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  value: (GraphEvent & { '@odata.type'?: string })[];
}

/**
 * calendarView delta (https://learn.microsoft.com/graph/api/event-delta): a first round of pages
 * (`Prefer: odata.maxpagesize`) ending in a deltaLink; the deltaLink later returns only what changed,
 * deletions as `@removed`; a token Graph no longer has answers 410 Gone.
 */
export function deltaContract(target: () => ContractTarget): void {
  const slot = slotFactory(2033);
  const setup = () => {
    const t = target();
    const g = graphCalls(t);
    const mailbox = encodeURIComponent(t.organizerId);
    /** Follows nextLinks to the deltaLink, counting pages. */
    const round = async (first: string, pageSize = 2) => {
      const prefer = { Prefer: `outlook.timezone="UTC", odata.maxpagesize=${pageSize}` };
      const pages: DeltaPage[] = [];
      let next: string | undefined = first;
      while (next) {
        const page = (await g.client.api(next).headers(prefer).get()) as DeltaPage;
        pages.push(page);
        if (page['@odata.deltaLink']) return { pages, events: pages.flatMap((p) => p.value), deltaLink: page['@odata.deltaLink'] };
        expect(page['@odata.nextLink'], 'a page without a deltaLink has a nextLink').toBeTruthy();
        expect(page.value.length).toBeLessThanOrEqual(pageSize);
        next = page['@odata.nextLink'];
      }
      throw new Error('no deltaLink');
    };
    const initial = (fromUtc: string, toUtc: string) =>
      `/users/${mailbox}/calendarView/delta?startDateTime=${encodeURIComponent(fromUtc)}&endDateTime=${encodeURIComponent(toUtc)}`;
    return { t, g, round, initial };
  };

  it('returns the window page by page, then only what changed since, deletions as @removed', async () => {
    const { t, g, round, initial } = setup();
    const from = slot(0, 0).startUtc;
    const to = slot(2, 0).startUtc;
    const made: GraphEvent[] = [];
    for (const hour of [9, 11, 13]) made.push(await g.createEvent(t.organizerId, { subject: `Delta ${hour}`, ...slot(0, hour) }));
    const [moved, cancelled, untouched] = made;
    if (!moved || !cancelled || !untouched) throw new Error('three events expected');

    const first = await eventually(t, async () => {
      const r = await round(initial(from, to));
      expect(r.events.map((e) => e.id)).toEqual(expect.arrayContaining(made.map((e) => e.id)));
      return r;
    });
    expect(first.pages.length).toBeGreaterThanOrEqual(2);
    expect(first.events.every((e) => !e['@removed'])).toBe(true);
    // Full events, as calendarView returns them.
    expect(first.events.find((e) => e.id === untouched.id)).toMatchObject({ subject: 'Delta 13', isOrganizer: true, start: { timeZone: 'UTC' } });

    // Nothing changed: the deltaLink returns nothing of ours.
    const quiet = await round(first.deltaLink);
    expect(quiet.events.filter((e) => made.some((m) => m.id === e.id))).toEqual([]);

    const newTime = slot(1, 15);
    await g.updateEvent(t.organizerId, moved.id, newTime);
    await g.cancelEvent(t.organizerId, cancelled.id);
    const added = await g.createEvent(t.organizerId, { subject: 'Delta added', ...slot(1, 9) });

    const second = await eventually(t, async () => {
      const r = await round(quiet.deltaLink);
      const ids = r.events.map((e) => e.id);
      expect(ids).toEqual(expect.arrayContaining([moved.id, cancelled.id, added.id]));
      return r;
    });
    const byId = (id: string) => second.events.filter((e) => e.id === id).at(-1);
    expect(byId(moved.id)).toMatchObject({ subject: 'Delta 9', start: { dateTime: expect.stringMatching(new RegExp(`^${newTime.startUtc.slice(0, 19)}`)) } });
    expect(byId(added.id)).toMatchObject({ subject: 'Delta added' });
    expect(byId(cancelled.id)).toMatchObject({ '@removed': { reason: 'deleted' } });
    expect(second.events.some((e) => e.id === untouched.id)).toBe(false);

    // An event moved out of the window is reported as removed from it.
    await g.updateEvent(t.organizerId, added.id, slot(5, 9));
    const third = await eventually(t, async () => {
      const r = await round(second.deltaLink);
      expect(r.events.find((e) => e.id === added.id)).toMatchObject({ '@removed': { reason: 'deleted' } });
      return r;
    });
    expect(third.deltaLink).toBeTruthy();
    for (const e of [moved, untouched, added]) await g.cancelEvent(t.organizerId, e.id);
  });

  it('answers 410 Gone to a delta token it does not know', async () => {
    const { g, round, initial } = setup();
    const { deltaLink } = await round(initial(slot(3, 0).startUtc, slot(4, 0).startUtc), 50);
    const garbled = deltaLink.replace(/(\$deltatoken=)[^&]+/i, '$1AAAAnot-a-sync-state');
    expect(garbled).not.toBe(deltaLink);
    expect(await failure(g.client.api(garbled).get())).toMatchObject({ statusCode: 410 });
  });

  it('answers 410 syncStateNotFound once the mailbox has forgotten its delta tokens, and a new round starts afresh', async (ctx) => {
    const { t, g, round, initial } = setup();
    if (!t.controls) return ctx.skip('only the emulator can expire delta tokens on demand');
    const window = initial(slot(3, 0).startUtc, slot(4, 0).startUtc);
    const event = await g.createEvent(t.organizerId, { subject: 'Delta expiry', ...slot(3, 10) });
    const { deltaLink } = await round(window, 50);
    await t.controls.expireDeltaTokens(t.organizerId);
    expect(await failure(g.client.api(deltaLink).get())).toMatchObject({ statusCode: 410, code: 'syncStateNotFound' });
    const again = await round(window, 50);
    expect(again.events.map((e) => e.id)).toContain(event.id);
    expect((await g.client.api(again.deltaLink).get()) as DeltaPage).toMatchObject({ value: [] });
    await g.cancelEvent(t.organizerId, event.id);
  });
}
