import type { EventRecord } from '../store/records.js';
import { fromUtcInstant } from './date-time-zone.js';

/** A stored event in Graph's `event` shape (https://learn.microsoft.com/graph/api/resources/event). */
export function toGraphEvent(e: EventRecord, timeZone: string, origin: string): Record<string, unknown> {
  const preview = e.body.content
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
  return {
    '@odata.etag': `W/"${e.changeKey}"`,
    id: e.id,
    createdDateTime: e.createdDateTime,
    lastModifiedDateTime: e.lastModifiedDateTime,
    changeKey: e.changeKey,
    categories: [],
    ...(e.transactionId && e.isOrganizer ? { transactionId: e.transactionId } : {}),
    originalStartTimeZone: e.originalStartTimeZone,
    originalEndTimeZone: e.originalEndTimeZone,
    iCalUId: e.iCalUId,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: e.subject,
    bodyPreview: preview,
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    isCancelled: e.isCancelled,
    isOrganizer: e.isOrganizer,
    responseRequested: true,
    seriesMasterId: null,
    showAs: e.showAs,
    type: 'singleInstance',
    webLink: `${origin}owa/?itemid=${encodeURIComponent(e.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: false,
    allowNewTimeProposals: true,
    responseStatus: e.responseStatus,
    body: e.body,
    start: fromUtcInstant(e.startUtc, timeZone),
    end: fromUtcInstant(e.endUtc, timeZone),
    location: { displayName: e.location, locationType: 'default', uniqueIdType: e.location ? 'private' : 'unknown' },
    locations: e.location ? [{ displayName: e.location, locationType: 'default', uniqueIdType: 'private' }] : [],
    recurrence: null,
    attendees: e.attendees,
    organizer: { emailAddress: e.organizer },
  };
}
