import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import type { Router } from '../http/router.js';
import { graphError, json, type EmuRequest, type EmuResponse } from '../http/types.js';
import type { AttendeeRecord, EventRecord } from '../store/records.js';
import type { UserRecord } from '../store/state.js';
import { hasPermission, insufficientPrivileges } from './auth-gate.js';
import { preferredTimeZone, toIanaZone, toUtcInstant } from './date-time-zone.js';
import { EventIndex } from './events-store.js';
import { toGraphEvent } from './events-json.js';
import { newChangeKey, newEventId, newICalUId } from './ids.js';
import { page, readTop } from './paging.js';
import { findUser } from './users.js';

const READ = { delegated: ['Calendars.Read', 'Calendars.ReadWrite'], app: ['Calendars.Read', 'Calendars.ReadWrite'] };
const WRITE = { delegated: ['Calendars.ReadWrite'], app: ['Calendars.ReadWrite'] };

const dateTimeTimeZone = z.object({ dateTime: z.string().min(10), timeZone: z.string().min(1).optional() });
const attendeeInput = z.object({
  emailAddress: z.object({ address: z.string().min(3), name: z.string().optional() }),
  type: z.enum(['required', 'optional', 'resource']).default('required'),
});
const eventInput = z.object({
  subject: z.string().max(255).optional(),
  body: z.object({ contentType: z.enum(['text', 'html', 'Text', 'HTML']), content: z.string() }).optional(),
  start: dateTimeTimeZone.optional(),
  end: dateTimeTimeZone.optional(),
  location: z.object({ displayName: z.string().optional() }).optional(),
  attendees: z.array(attendeeInput).max(500).optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
  transactionId: z.string().min(1).max(255).optional(),
  isReminderOn: z.boolean().optional(),
  responseRequested: z.boolean().optional(),
  allowNewTimeProposals: z.boolean().optional(),
  isOnlineMeeting: z.boolean().optional(),
  categories: z.array(z.string()).optional(),
  importance: z.string().optional(),
  sensitivity: z.string().optional(),
});
type EventInput = z.infer<typeof eventInput>;

const invalid = (message: string) => graphError(400, 'ErrorInvalidRequest', message);
const notFound = () => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
const invalidUser = (id: string) => graphError(404, 'ErrorInvalidUser', `The requested user '${id}' is invalid.`);

export function registerEventRoutes(router: Router, ctx: EmulatorContext, graphRoot: string): void {
  const index = new EventIndex(ctx);
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

  const mailbox = (req: EmuRequest, id: string): UserRecord | EmuResponse => {
    const u = id === 'me' ? (req.principal?.userId ? ctx.state.users.get(req.principal.userId) : undefined) : findUser(ctx, id);
    if (!u) return invalidUser(id);
    const own = req.principal?.kind === 'user' && req.principal.userId === u.id;
    if (!own && req.principal?.kind === 'user') return graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    return u;
  };
  const eventIn = (box: UserRecord, eventId: string): EventRecord | undefined => {
    const e = ctx.state.events.get(eventId);
    return e && e.mailboxId === box.id ? e : undefined;
  };
  const resolveAttendees = (input: NonNullable<EventInput['attendees']>, previous: AttendeeRecord[] = []): AttendeeRecord[] =>
    input.map((a) => {
      const user = findUser(ctx, a.emailAddress.address);
      const prev = previous.find((p) => p.emailAddress.address.toLowerCase() === a.emailAddress.address.toLowerCase());
      return {
        emailAddress: { name: a.emailAddress.name ?? user?.displayName ?? a.emailAddress.address, address: a.emailAddress.address },
        type: a.type,
        status: prev?.status ?? { response: 'none', time: '0001-01-01T00:00:00Z' },
      };
    });

  /** Meeting requests: a copy in each attendee's calendar, kept in step with the organizer's event. */
  const syncCopies = (organizerEvent: EventRecord, timeChanged: boolean): void => {
    const copies = index.copiesOf(organizerEvent.iCalUId);
    const wanted = new Map<string, UserRecord>();
    for (const a of organizerEvent.attendees) {
      const u = findUser(ctx, a.emailAddress.address);
      if (u && u.id !== organizerEvent.mailboxId) wanted.set(u.id, u);
    }
    for (const copy of copies) {
      if (!wanted.has(copy.mailboxId)) {
        if (!copy.isCancelled) cancelCopy(copy, '');
        continue;
      }
      wanted.delete(copy.mailboxId);
      Object.assign(copy, {
        subject: organizerEvent.subject,
        body: organizerEvent.body,
        startUtc: organizerEvent.startUtc,
        endUtc: organizerEvent.endUtc,
        originalStartTimeZone: organizerEvent.originalStartTimeZone,
        originalEndTimeZone: organizerEvent.originalEndTimeZone,
        location: organizerEvent.location,
        attendees: organizerEvent.attendees,
        isCancelled: false,
        lastModifiedDateTime: now(),
        changeKey: newChangeKey(),
        sequence: copy.sequence + 1,
        ...(timeChanged ? { responseStatus: { response: 'notResponded', time: '0001-01-01T00:00:00Z' }, showAs: 'tentative' } : {}),
      });
      ctx.state.events.set(copy.id, copy);
      ctx.changes.changed(copy, 'updated');
    }
    for (const user of wanted.values()) {
      const copy: EventRecord = {
        ...organizerEvent,
        id: newEventId(),
        mailboxId: user.id,
        isOrganizer: false,
        showAs: 'tentative',
        responseStatus: { response: 'notResponded', time: '0001-01-01T00:00:00Z' },
        changeKey: newChangeKey(),
        sequence: 0,
      };
      delete copy.transactionId;
      ctx.state.events.set(copy.id, copy);
      index.add(copy);
      ctx.changes.changed(copy, 'created');
    }
  };

  const cancelCopy = (copy: EventRecord, comment: string) => {
    copy.isCancelled = true;
    copy.subject = copy.subject.startsWith('Canceled: ') ? copy.subject : `Canceled: ${copy.subject}`;
    if (comment) copy.body = { contentType: 'text', content: comment };
    copy.lastModifiedDateTime = now();
    copy.changeKey = newChangeKey();
    copy.sequence += 1;
    ctx.state.events.set(copy.id, copy);
    ctx.changes.changed(copy, 'updated');
  };

  const times = (input: EventInput, existing?: EventRecord): { startUtc: string; endUtc: string; startTz: string; endTz: string } | EmuResponse => {
    const startUtc = input.start ? toUtcInstant(input.start) : existing?.startUtc;
    const endUtc = input.end ? toUtcInstant(input.end) : existing?.endUtc;
    if (input.start?.timeZone && !toIanaZone(input.start.timeZone))
      return graphError(
        400,
        'TimeZoneNotSupportedException',
        `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${input.start.timeZone}'.`,
      );
    if (!startUtc || !endUtc) return invalid('The event needs a valid start and end (dateTimeTimeZone).');
    if (Date.parse(endUtc) < Date.parse(startUtc)) return invalid('The end of the event is before its start.');
    return {
      startUtc,
      endUtc,
      startTz: input.start?.timeZone ?? existing?.originalStartTimeZone ?? 'UTC',
      endTz: input.end?.timeZone ?? existing?.originalEndTimeZone ?? 'UTC',
    };
  };

  const create = (req: EmuRequest, boxId: string): EmuResponse => {
    if (!hasPermission(req.principal, WRITE.delegated, WRITE.app)) return insufficientPrivileges();
    const box = mailbox(req, boxId);
    if ('status' in box) return box;
    const parsed = eventInput.safeParse(normaliseKeys(req.body));
    if (!parsed.success) return invalid(`Invalid event: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
    const input = parsed.data;
    const tz = preferredTimeZone(req.headers['prefer']);
    // transactionId: "avoid redundant POST operations in case of client retries"
    // (https://learn.microsoft.com/graph/api/resources/event). Exchange refuses the repeat with
    // 400 ErrorDuplicateTransactionId and names the first event in `@event.existingEventId`.
    if (input.transactionId) {
      const existing = index.byTransactionId(box.id, input.transactionId);
      if (existing) {
        ctx.stats.eventsDeduplicated++;
        return json(400, {
          error: {
            code: 'ErrorDuplicateTransactionId',
            message: "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.",
            '@event.existingEventId': existing.id,
            innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': crypto.randomUUID() },
          },
        });
      }
    }
    const t = times(input);
    if ('status' in t) return t;
    const stamp = now();
    const event: EventRecord = {
      id: newEventId(),
      mailboxId: box.id,
      iCalUId: newICalUId(),
      isOrganizer: true,
      organizer: { name: box.displayName, address: box.mail },
      subject: input.subject ?? '',
      body: { contentType: input.body?.contentType.toLowerCase() === 'html' ? 'html' : 'text', content: input.body?.content ?? '' },
      startUtc: t.startUtc,
      endUtc: t.endUtc,
      originalStartTimeZone: t.startTz,
      originalEndTimeZone: t.endTz,
      location: input.location?.displayName ?? '',
      attendees: resolveAttendees(input.attendees ?? []),
      showAs: input.showAs ?? 'busy',
      isCancelled: false,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      ...(input.transactionId ? { transactionId: input.transactionId } : {}),
      createdDateTime: stamp,
      lastModifiedDateTime: stamp,
      changeKey: newChangeKey(),
      sequence: 0,
    };
    ctx.state.events.set(event.id, event);
    index.add(event);
    ctx.changes.changed(event, 'created');
    syncCopies(event, false);
    ctx.stats.eventsCreated++;
    return json(201, { '@odata.context': `${graphRoot}$metadata#users('${box.id}')/events/$entity`, ...toGraphEvent(event, tz, ctx.origin) });
  };

  const update = (req: EmuRequest, boxId: string, eventId: string): EmuResponse => {
    if (!hasPermission(req.principal, WRITE.delegated, WRITE.app)) return insufficientPrivileges();
    const box = mailbox(req, boxId);
    if ('status' in box) return box;
    const event = eventIn(box, eventId);
    if (!event) return notFound();
    const parsed = eventInput.safeParse(normaliseKeys(req.body));
    if (!parsed.success) return invalid(`Invalid event: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
    const input = parsed.data;
    if (input.transactionId !== undefined && input.transactionId !== event.transactionId) {
      return invalid('The transactionId of an event cannot be changed after it is created.');
    }
    const t = times(input, event);
    if ('status' in t) return t;
    const timeChanged = t.startUtc !== event.startUtc || t.endUtc !== event.endUtc;
    if (input.subject !== undefined) event.subject = input.subject;
    if (input.body) event.body = { contentType: input.body.contentType.toLowerCase() === 'html' ? 'html' : 'text', content: input.body.content };
    if (input.location) event.location = input.location.displayName ?? '';
    if (input.attendees) event.attendees = resolveAttendees(input.attendees, event.attendees);
    if (input.showAs) event.showAs = input.showAs;
    Object.assign(event, { startUtc: t.startUtc, endUtc: t.endUtc, originalStartTimeZone: t.startTz, originalEndTimeZone: t.endTz });
    event.lastModifiedDateTime = now();
    event.changeKey = newChangeKey();
    event.sequence += 1;
    ctx.state.events.set(event.id, event);
    ctx.changes.changed(event, 'updated');
    if (event.isOrganizer) syncCopies(event, timeChanged);
    return json(200, { '@odata.context': `${graphRoot}$metadata#users('${box.id}')/events/$entity`, ...toGraphEvent(event, preferredTimeZone(req.headers['prefer']), ctx.origin) });
  };

  // cancel: "moves the event to the Deleted Items folder" and sends attendees a cancellation
  // (https://learn.microsoft.com/graph/api/event-cancel). Attendees keep a cancelled copy.
  const cancel = (req: EmuRequest, boxId: string, eventId: string, requireOrganizer: boolean): EmuResponse => {
    if (!hasPermission(req.principal, WRITE.delegated, WRITE.app)) return insufficientPrivileges();
    const box = mailbox(req, boxId);
    if ('status' in box) return box;
    const event = eventIn(box, eventId);
    if (!event) return notFound();
    const parsed = z.object({ comment: z.string().max(10_000).optional() }).safeParse(normaliseKeys(req.body ?? {}));
    if (!parsed.success) return invalid('The cancel body is { "Comment": string }.');
    if (requireOrganizer && !event.isOrganizer) return invalid("Your request can't be completed. You need to be an organizer to cancel a meeting.");
    if (event.isOrganizer) for (const copy of index.copiesOf(event.iCalUId)) if (!copy.isCancelled) cancelCopy(copy, parsed.data.comment ?? '');
    ctx.state.events.delete(event.id);
    index.remove(event);
    ctx.changes.changed(event, 'deleted');
    return requireOrganizer ? { status: 202 } : { status: 204 };
  };

  // accept / tentativelyAccept / decline (https://learn.microsoft.com/graph/api/event-accept,
  // event-tentativelyaccept, event-decline): 202 with no body. The attendee's copy records the response;
  // with sendResponse (default true) the organizer's event records it on that attendee. A declined copy
  // stays in the attendee's calendar, shown as free.
  const RESPONSES = { accept: 'accepted', tentativelyAccept: 'tentativelyAccepted', decline: 'declined' } as const;
  const timeSlot = z.object({ start: dateTimeTimeZone, end: dateTimeTimeZone });
  const respondBody = z.object({ comment: z.string().max(10_000).optional(), sendResponse: z.boolean().optional(), proposedNewTime: timeSlot.optional() });
  const respond = (req: EmuRequest, boxId: string, eventId: string, action: keyof typeof RESPONSES): EmuResponse => {
    if (!hasPermission(req.principal, WRITE.delegated, WRITE.app)) return insufficientPrivileges();
    const box = mailbox(req, boxId);
    if ('status' in box) return box;
    const event = eventIn(box, eventId);
    if (!event) return notFound();
    const parsed = respondBody.safeParse(normaliseKeys(req.body ?? {}));
    if (!parsed.success) return invalid(`Invalid ${action} body: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
    const { sendResponse = true, proposedNewTime } = parsed.data;
    if (proposedNewTime && action === 'accept') return invalid("The parameter 'proposedNewTime' is not valid for accept.");
    if (proposedNewTime && !sendResponse) return graphError(400, 'ErrorInvalidParameter', 'proposedNewTime requires sendResponse to be true.');
    if (event.isOrganizer) return invalid("Your request can't be completed. You can't respond to this meeting because you're the meeting organizer.");
    const response = RESPONSES[action];
    const stamp = now();
    event.responseStatus = { response, time: stamp };
    event.showAs = response === 'accepted' ? 'busy' : response === 'declined' ? 'free' : 'tentative';
    event.lastModifiedDateTime = stamp;
    event.changeKey = newChangeKey();
    event.sequence += 1;
    ctx.state.events.set(event.id, event);
    ctx.changes.changed(event, 'updated');
    const organizerEvent = sendResponse ? index.organizerOf(event.iCalUId) : undefined;
    if (organizerEvent) {
      const me = [box.mail.toLowerCase(), box.userPrincipalName.toLowerCase()];
      // A new array: attendees' copies may share the organizer's list in memory.
      organizerEvent.attendees = organizerEvent.attendees.map((a) => (me.includes(a.emailAddress.address.toLowerCase()) ? { ...a, status: { response, time: stamp } } : a));
      organizerEvent.lastModifiedDateTime = stamp;
      organizerEvent.changeKey = newChangeKey();
      organizerEvent.sequence += 1;
      ctx.state.events.set(organizerEvent.id, organizerEvent);
      ctx.changes.changed(organizerEvent, 'updated');
    }
    return { status: 202 };
  };

  const get = (req: EmuRequest, boxId: string, eventId: string): EmuResponse => {
    if (!hasPermission(req.principal, READ.delegated, READ.app)) return insufficientPrivileges();
    const box = mailbox(req, boxId);
    if ('status' in box) return box;
    const event = eventIn(box, eventId);
    if (!event) return notFound();
    return json(200, { '@odata.context': `${graphRoot}$metadata#users('${box.id}')/events/$entity`, ...toGraphEvent(event, preferredTimeZone(req.headers['prefer']), ctx.origin) });
  };

  const list = (req: EmuRequest, boxId: string, window: boolean): EmuResponse => {
    if (!hasPermission(req.principal, READ.delegated, READ.app)) return insufficientPrivileges();
    const box = mailbox(req, boxId);
    if ('status' in box) return box;
    const top = readTop(req, 10, 1000);
    if (top === 'invalid') return invalid("Invalid value for '$top'.");
    let events = [...ctx.state.events.values()].filter((e) => e.mailboxId === box.id);
    if (window) {
      const start = req.query.get('startDateTime') ?? req.query.get('startdatetime');
      const end = req.query.get('endDateTime') ?? req.query.get('enddatetime');
      const s = start ? Date.parse(start) : NaN;
      const en = end ? Date.parse(end) : NaN;
      if (Number.isNaN(s) || Number.isNaN(en)) {
        return graphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
      }
      events = events.filter((e) => Date.parse(e.startUtc) < en && Date.parse(e.endUtc) > s);
    }
    events.sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.id.localeCompare(b.id));
    const tz = preferredTimeZone(req.headers['prefer']);
    return json(200, {
      '@odata.context': `${graphRoot}$metadata#users('${box.id}')/events`,
      ...page(
        events.map((e) => toGraphEvent(e, tz, ctx.origin)),
        req,
        graphRoot,
        top,
      ),
    });
  };

  for (const prefix of ['/users/:user', '/me']) {
    const box = (p: Record<string, string>) => p['user'] ?? 'me';
    router.add('POST', `${prefix}/events`, (req, p) => create(req, box(p)));
    router.add('POST', `${prefix}/calendar/events`, (req, p) => create(req, box(p)));
    router.add('GET', `${prefix}/events`, (req, p) => list(req, box(p), false));
    router.add('GET', `${prefix}/calendar/events`, (req, p) => list(req, box(p), false));
    router.add('GET', `${prefix}/calendarView`, (req, p) => list(req, box(p), true));
    router.add('GET', `${prefix}/calendar/calendarView`, (req, p) => list(req, box(p), true));
    router.add('GET', `${prefix}/events/:event`, (req, p) => get(req, box(p), p['event'] ?? ''));
    router.add('PATCH', `${prefix}/events/:event`, (req, p) => update(req, box(p), p['event'] ?? ''));
    router.add('DELETE', `${prefix}/events/:event`, (req, p) => cancel(req, box(p), p['event'] ?? '', false));
    router.add('POST', `${prefix}/events/:event/cancel`, (req, p) => cancel(req, box(p), p['event'] ?? '', true));
    for (const action of Object.keys(RESPONSES) as (keyof typeof RESPONSES)[]) {
      router.add('POST', `${prefix}/events/:event/${action}`, (req, p) => respond(req, box(p), p['event'] ?? '', action));
      router.add('POST', `${prefix}/calendar/events/:event/${action}`, (req, p) => respond(req, box(p), p['event'] ?? '', action));
    }
  }
}

/** Exchange accepts PascalCase names in action bodies (`"Comment"`, `"Schedules"`); normalise to camelCase. */
export function normaliseKeys(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}
