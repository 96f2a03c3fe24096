import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { sendError } from '../http/send-error.js';

// What every activity the Bot Connector sends carries. The Teams SDK types take these as given; an activity
// without them would fail inside the SDK or a handler (a 500), so it is turned away here with a reason.
const activityShape = z.object({
  type: z.string().min(1),
  serviceUrl: z.url(),
  from: z.object({ id: z.string().min(1) }),
  conversation: z.object({ id: z.string().min(1) }),
  text: z.string().optional(),
});
// An invoke's value is what it asks for; the SDK routes some invokes by a field of it.
const invokeShape = z.object({ name: z.string().min(1), value: z.record(z.string(), z.unknown()) });

/** The first thing wrong with the body as an activity (a field's path), or undefined when it is one. */
function activityProblem(body: unknown): string | undefined {
  const parsed = activityShape.safeParse(body);
  if (!parsed.success) return fieldOf(parsed.error);
  if (parsed.data.type !== 'invoke') return undefined;
  const invoke = invokeShape.safeParse(body);
  return invoke.success ? undefined : fieldOf(invoke.error);
}

const fieldOf = (error: z.ZodError): string => error.issues[0]?.path.join('.') || 'body';

/**
 * Runs before the Teams SDK's own POST /api/messages handler (which checks the Bot Framework token, then
 * dispatches): a body that is not an activity gets a 400 naming what is missing.
 */
export function rejectMalformedActivities(): RequestHandler[] {
  return [
    // The SDK's own JSON parser limit (100 kB) stays in force: a body parsed here is not parsed again.
    express.json({ limit: '100kb' }),
    (req, res, next) => {
      const field = activityProblem(req.body);
      if (field === undefined) return next();
      sendError(res, 400, { error: 'invalid_activity', field, message: `This is not a Bot Framework activity: '${field}' is missing or not valid.` });
    },
  ];
}
