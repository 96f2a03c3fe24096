import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createGraphCalendar } from '../../../../src/bot/graph/calendar.js';
import { createGraphClient } from '../../../../src/bot/graph/graph-client.js';
import type { ContractTarget } from './target.js';

/** Calendar behaviour the adapters rely on; the same assertions for the emulator and a tenant. */
export function calendarContract(target: () => ContractTarget): void {
  const slot = (dayOffset: number, hour: number) => {
    const d = new Date(Date.UTC(2031, 0, 6 + dayOffset, hour, 0, 0));
    return { startUtc: d.toISOString().replace('.000', ''), endUtc: new Date(d.getTime() + 3_600_000).toISOString().replace('.000', '') };
  };
  const setup = () => {
    const t = target();
    const calendar = createGraphCalendar(createGraphClient(t.connection));
    const attendee = t.attendees[0];
    if (!attendee) throw new Error('the contract needs one attendee');
    return { t, calendar, attendee };
  };

  it('creates an event with attendees; each attendee gets a meeting request that follows updates and cancellation', async () => {
    const { t, calendar, attendee } = setup();
    const when = slot(0, 9);
    const created = await calendar.createEvent({
      organizerId: t.organizerId,
      transactionId: randomUUID(),
      subject: 'Safeguarding supervision',
      location: 'Room 4',
      attendees: [{ address: attendee.address }],
      ...when,
    });
    expect(created).toMatchObject({ subject: 'Safeguarding supervision', startUtc: when.startUtc, endUtc: when.endUtc, isOrganizer: true, location: 'Room 4' });

    const copyOf = async () => (await calendar.calendarView(attendee.userId, slot(0, 0).startUtc, slot(2, 0).startUtc)).find((e) => e.iCalUId === created.iCalUId);
    const copy = await copyOf();
    expect(copy).toMatchObject({ isOrganizer: false, startUtc: when.startUtc, isCancelled: false });

    const moved = slot(1, 14);
    const updated = await calendar.updateEvent(t.organizerId, created.id, moved);
    expect(updated).toMatchObject(moved);
    expect(await copyOf()).toMatchObject({ ...moved, isCancelled: false });

    await calendar.cancelEvent(t.organizerId, created.id, 'Postponed; a new time will follow.');
    expect(await calendar.getEvent(t.organizerId, created.id)).toBeUndefined();
    expect((await copyOf())?.isCancelled).toBe(true);
  });

  it('does not duplicate an event when a create is repeated with the same transactionId', async () => {
    const { t, calendar, attendee } = setup();
    const input = { organizerId: t.organizerId, transactionId: randomUUID(), subject: 'Safeguarding supervision', attendees: [{ address: attendee.address }], ...slot(3, 10) };
    const first = await calendar.createEvent(input);
    const second = await calendar.createEvent(input);
    expect(second.id).toBe(first.id);
    const view = await calendar.calendarView(t.organizerId, slot(3, 0).startUtc, slot(4, 0).startUtc);
    expect(view.filter((e) => e.iCalUId === first.iCalUId)).toHaveLength(1);
    await calendar.cancelEvent(t.organizerId, first.id, 'Contract test clean-up.');
  });

  it('reports free/busy for many people through getSchedule', async () => {
    const { t, calendar, attendee } = setup();
    const when = slot(5, 11);
    const event = await calendar.createEvent({
      organizerId: t.organizerId,
      transactionId: randomUUID(),
      subject: 'Safeguarding supervision',
      attendees: [{ address: attendee.address }],
      ...when,
    });
    const dayStart = slot(5, 9).startUtc;
    const dayEnd = slot(5, 15).startUtc;
    const [busy] = await calendar.getSchedules(t.organizerId, [attendee.address], dayStart, dayEnd, 60);
    expect(busy?.address.toLowerCase()).toBe(attendee.address.toLowerCase());
    // 09-15 in hours: the 11:00 slot is tentative (1) for an attendee who has not answered.
    expect(busy?.availabilityView).toMatch(/^00[12]000$/);
    await calendar.cancelEvent(t.organizerId, event.id, 'Contract test clean-up.');
  });
}
