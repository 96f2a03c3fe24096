import { expect, it } from 'vitest';
import { eventually, failure, graphCalls, slotFactory, type GraphEvent } from './graph-calls.js';
import type { ContractTarget } from './target.js';

/**
 * Attendee responses (https://learn.microsoft.com/graph/api/event-accept, event-tentativelyaccept,
 * event-decline): 202; the attendee's copy shows the response, and the organizer's event shows it on
 * that attendee.
 */
export function responsesContract(target: () => ContractTarget): void {
  const slot = slotFactory(2034);
  const setup = () => {
    const t = target();
    const attendee = t.attendees[0];
    if (!attendee) throw new Error('the contract needs one attendee');
    return { t, g: graphCalls(t), attendee };
  };
  const respond = (t: ContractTarget, mailbox: string, eventId: string, action: 'accept' | 'decline' | 'tentativelyAccept', body: Record<string, unknown> = {}) =>
    graphCalls(t)
      .client.api(`/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent(eventId)}/${action}`)
      .post({ comment: 'Contract test response.', sendResponse: true, ...body });
  const statusOf = (event: GraphEvent, address: string) => event.attendees.find((a) => a.emailAddress.address.toLowerCase() === address.toLowerCase())?.status.response;

  for (const [action, response] of [
    ['accept', 'accepted'],
    ['tentativelyAccept', 'tentativelyAccepted'],
    ['decline', 'declined'],
  ] as const) {
    it(`${action}: the organizer's event shows the attendee ${response}, and so does the attendee's copy`, async () => {
      const { t, g, attendee } = setup();
      const event = await g.createEvent(t.organizerId, { subject: 'Safeguarding supervision', ...slot(0, 9), attendees: [attendee.address] });
      const copy = await eventually(t, async () => {
        const found = await g.copyOf(attendee.userId, event);
        if (!found) throw new Error("the meeting request has not reached the attendee's calendar yet");
        return found;
      });
      expect(copy).toMatchObject({ isOrganizer: false, responseStatus: { response: 'notResponded' } });
      expect(statusOf(await g.getEvent(t.organizerId, event.id), attendee.address)).toBe('none');

      await respond(t, attendee.userId, copy.id, action);

      await eventually(t, async () => {
        const organizerView = await g.getEvent(t.organizerId, event.id);
        expect(statusOf(organizerView, attendee.address)).toBe(response);
        const time = organizerView.attendees.find((a) => a.emailAddress.address.toLowerCase() === attendee.address.toLowerCase())?.status.time ?? '';
        expect(Date.parse(time)).toBeGreaterThan(Date.UTC(2001, 0, 1));
      });
      // A declined meeting stays in the attendee's calendar with the response on it.
      expect((await g.getEvent(attendee.userId, copy.id)).responseStatus.response).toBe(response);
      await g.cancelEvent(t.organizerId, event.id);
    });
  }

  it('refuses a response from the organizer (400) and to an event the mailbox does not have (404)', async () => {
    const { t, g, attendee } = setup();
    const event = await g.createEvent(t.organizerId, { subject: 'Safeguarding supervision', ...slot(1, 9), attendees: [attendee.address] });
    expect(await failure(respond(t, t.organizerId, event.id, 'accept'))).toMatchObject({ statusCode: 400 });
    // The organizer's event id is not an item in the attendee's mailbox.
    expect(await failure(respond(t, attendee.userId, event.id, 'accept'))).toMatchObject({ statusCode: 404 });
    await g.cancelEvent(t.organizerId, event.id);
  });
}
