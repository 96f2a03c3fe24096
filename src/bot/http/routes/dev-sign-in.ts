import { Router } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { DirectoryPort } from '../../ports.js';
import type { DevSignIn } from '../../auth/dev-sign-in.js';
import { sendError } from '../send-error.js';
import { errorSummary } from '../../errors.js';

const signInBody = z.object({ userId: z.string().uuid({ message: 'userId must be a user object id (GUID)' }) });

/**
 * Local emulator only (never mounted in production): lists the demo school's people and signs one
 * in, so the tab can be tried in a plain browser without a Microsoft tenant.
 */
export function devSignInRoutes(deps: { directory: Pick<DirectoryPort, 'listUsers'>; signIn: DevSignIn; log: Logger }): Router {
  return Router()
    .get('/dev/users', async (_req, res) => {
      try {
        const users = await deps.directory.listUsers();
        res.json({
          users: users.map((u) => ({ id: u.id, displayName: u.displayName, ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}) })),
        });
      } catch (err) {
        deps.log.error({ err: errorSummary(err) }, 'listing demo users failed');
        sendError(res, 502, { error: 'directory_unavailable', message: 'The local Microsoft 365 emulator did not answer. Is it running?' });
      }
    })
    .post('/dev/sign-in', async (req, res) => {
      const body = signInBody.safeParse(req.body);
      if (!body.success) {
        const issue = body.error.issues[0];
        sendError(res, 400, { error: 'invalid_request', field: issue?.path.join('.') || 'userId', message: issue?.message ?? 'Send {"userId": "<GUID>"}.' });
        return;
      }
      const result = await deps.signIn(body.data.userId);
      if (!result.ok) {
        sendError(res, result.status, { error: result.error, message: result.message });
        return;
      }
      res.json({ accessToken: result.accessToken, expiresOn: result.expiresOn });
    });
}
