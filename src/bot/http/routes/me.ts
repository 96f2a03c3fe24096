import { Router } from 'express';
import type { Logger } from 'pino';
import type { DirectoryPort } from '../../graph/directory.js';
import { callerOf, requireCaller, type VerifyBearer } from '../require-caller.js';
import { sendError } from '../send-error.js';

/** GET /api/me: the signed-in person, as the directory knows them. */
export function meRoutes(deps: { verify: VerifyBearer; directory: Pick<DirectoryPort, 'getUser'>; log: Logger }): Router {
  return Router().get('/me', requireCaller(deps.verify), async (_req, res) => {
    const caller = callerOf(res);
    try {
      const user = await deps.directory.getUser(caller.oid);
      if (!user) {
        sendError(res, 404, { error: 'user_not_found', message: 'Your account was not found in the directory. Ask your IT team to check it.' });
        return;
      }
      res.json({
        id: user.id,
        displayName: user.displayName,
        ...(user.jobTitle ? { jobTitle: user.jobTitle } : {}),
        ...(user.mail ? { mail: user.mail } : {}),
        ...(user.department ? { department: user.department } : {}),
      });
    } catch (err) {
      deps.log.error({ err: errorSummary(err) }, 'directory lookup failed');
      sendError(res, 502, { error: 'directory_unavailable', message: 'The Microsoft 365 directory did not answer. Try again in a minute.' });
    }
  });
}

export function errorSummary(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
}
