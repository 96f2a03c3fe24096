import { z } from 'zod';
import { isIsoInstant } from '../../../shared/calendar/london-time.js';
import { POSTPONEMENT_REASONS } from '../../../shared/sessions/index.js';
import { operation, type Operation } from '../api/operation.js';
import { alternativesResponse, sessionViewSchema } from '../api/schemas.js';
import { reply } from './reply.js';
import { hasHiddenCharacter } from '../../../shared/text/hidden-characters.js';

const sessionParams = z.object({ sessionId: z.string().min(1).max(200) });
// Line breaks are kept (the cancellation reason is typed in a text area); other hidden characters are refused.
const isPlainText = (v: string) => !hasHiddenCharacter(v.replace(/[\r\n\t]/g, ' '));

export const sessionOperations: Operation[] = [
  operation({
    operationId: 'listSessions',
    method: 'get',
    path: '/sessions',
    summary: "My supervision: your sessions as supervisor or supervisee. With scope=everyone, every arrangement's sessions (admin, DSL, oversight).",
    access: 'Any signed-in member of staff; scope=everyone needs Safeguarding.Admin, Safeguarding.Lead or Safeguarding.Oversight.',
    query: z.object({
      scope: z.enum(['mine', 'everyone']).default('mine'),
      academicYear: z
        .string()
        .regex(/^\d{4}\/\d{2}$/, 'an academic year such as 2026/27')
        .optional(),
    }),
    success: { status: 200, description: 'Sessions by start time.', schema: z.object({ sessions: z.array(sessionViewSchema) }) },
    handle: async ({ caller, query, useCases }) =>
      reply(await useCases.listSessions({ caller, everyone: query.scope === 'everyone', academicYear: query.academicYear }), (sessions) => ({ body: { sessions } })),
  }),
  // Before getSession: otherwise /sessions/by-event would be read as a session id.
  operation({
    operationId: 'findSessionByEvent',
    method: 'get',
    path: '/sessions/by-event',
    summary:
      "The Outlook add-in: the session an Outlook meeting is for, from the meeting's REST id (the organiser's event, or an attendee's copy matched by its iCalUId read from the caller's own calendar; failing that, the caller's own session starting then from that organiser). Never from the subject or body.",
    access: 'Its supervisor and supervisees; the admin, the DSL and oversight (as getSession). 404 when the meeting is not a supervision session.',
    query: z
      .object({
        eventId: z.string().trim().min(1, 'the Outlook item’s REST id').max(512, 'at most 512 characters'),
        // Only to choose among the caller's own sessions when their own calendar cannot be read.
        start: z.string().refine(isIsoInstant, { message: 'a UTC time that exists, such as 2027-02-12T09:00:00Z' }).optional(),
        organizer: z.string().trim().min(3).max(320, 'at most 320 characters').optional(),
      })
      .strict(),
    success: { status: 200, description: 'The session.', schema: sessionViewSchema },
    handle: async ({ caller, query, useCases }) => reply(await useCases.findSessionByEvent({ caller, eventId: query.eventId, start: query.start, organizer: query.organizer })),
  }),
  operation({
    operationId: 'getSession',
    method: 'get',
    path: '/sessions/{sessionId}',
    summary: 'One session with its people and what you may do with it.',
    access: 'Its supervisor and supervisees; the admin, the DSL and oversight.',
    params: sessionParams,
    success: { status: 200, description: 'The session.', schema: sessionViewSchema },
    handle: async ({ caller, params, useCases }) => reply(await useCases.getSession({ caller, sessionId: params.sessionId })),
  }),
  operation({
    operationId: 'listSessionAlternatives',
    method: 'get',
    path: '/sessions/{sessionId}/alternatives',
    summary: 'Times the session could move to: within one working week of it, in working hours, when every party is free in Outlook, best first.',
    access: 'Its supervisor and supervisees; the admin and the DSL.',
    params: sessionParams,
    success: { status: 200, description: 'Candidates, or why there are none (escalate).', schema: alternativesResponse },
    handle: async ({ caller, params, useCases }) => reply(await useCases.listSessionAlternatives({ caller, sessionId: params.sessionId })),
  }),
  operation({
    operationId: 'postponeSession',
    method: 'post',
    path: '/sessions/{sessionId}/postpone',
    summary: 'Moves the session to one of the offered times, with a reason; the Outlook meeting moves and attendees get the update.',
    access: 'Its supervisor and supervisees; the admin and the DSL.',
    params: sessionParams,
    body: z
      .object({
        start: z.string().refine(isIsoInstant, { message: 'a UTC time that exists, such as 2027-02-12T09:00:00Z' }),
        reason: z.enum(POSTPONEMENT_REASONS),
        note: z.string().trim().max(200, 'at most 200 characters (no case detail)').refine(isPlainText, 'plain text: no control characters or direction overrides').optional(),
        fromStart: z
          .string()
          .refine(isIsoInstant, { message: 'a UTC time that exists, such as 2027-02-12T09:00:00Z' })
          .optional()
          .describe("The session's start as the caller saw it: when it has moved since to another time, nothing moves (409 session_moved)."),
      })
      .strict(),
    success: { status: 200, description: 'The session at its new time.', schema: sessionViewSchema },
    handle: async ({ caller, params, body, useCases }) => reply(await useCases.postponeSession({ caller, sessionId: params.sessionId, request: body })),
  }),
  operation({
    operationId: 'cancelSession',
    method: 'post',
    path: '/sessions/{sessionId}/cancel',
    summary: 'Cancels the session; Outlook sends attendees the cancellation (without the reason).',
    access: 'Its supervisor; the admin and the DSL.',
    params: sessionParams,
    body: z
      .object({
        reason: z
          .string()
          .trim()
          .min(1, 'say why, briefly (no case detail)')
          .max(200, 'at most 200 characters')
          .refine(isPlainText, 'plain text: no control characters or direction overrides'),
      })
      .strict(),
    success: { status: 200, description: 'The cancelled session.', schema: sessionViewSchema },
    handle: async ({ caller, params, body, useCases }) => reply(await useCases.cancelSession({ caller, sessionId: params.sessionId, reason: body.reason })),
  }),
];
