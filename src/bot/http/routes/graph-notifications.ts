import express, { type Router } from 'express';
import type { CalendarSync } from '../../calendar-sync/calendar-sync.js';

/** Graph's validation tokens are short opaque strings; anything longer is not Graph. */
const MAX_VALIDATION_TOKEN = 1024;

/**
 * Where Microsoft Graph posts change and lifecycle notifications for the organisers' calendars. Not an API
 * operation for people (no bearer token: Graph sends none): each notification is trusted only if it carries
 * its subscription's clientState, which is checked after the 202. The validation handshake echoes the
 * token as text/plain, as Graph requires before it creates a subscription.
 */
export function graphNotificationRoutes(sync: Pick<CalendarSync, 'notified' | 'lifecycle'>): Router {
  const router = express.Router();
  const receive = (handle: (body: unknown) => void) => (req: express.Request, res: express.Response) => {
    const token = req.query['validationToken'];
    if (typeof token === 'string') {
      if (token.length === 0 || token.length > MAX_VALIDATION_TOKEN) {
        res.status(400).type('text/plain').send('Bad validation token.');
        return;
      }
      res.status(200).type('text/plain').send(token);
      return;
    }
    handle(req.body as unknown);
    res.status(202).end();
  };
  router.post('/graph/notifications', receive(sync.notified));
  router.post('/graph/lifecycle', receive(sync.lifecycle));
  return router;
}
