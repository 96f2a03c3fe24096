import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { classifyFailure, errorSummary } from '../errors.js';
import { sendError } from './send-error.js';

/** Errors thrown past a use case, as plain-words replies; logged by name and route only (never payloads). */
export function handleUseCaseError(log: Logger) {
  return (err: unknown, req: Request, res: Response): void => {
    if (res.headersSent) return;
    const failure = classifyFailure(err);
    const where = { err: errorSummary(err), route: typeof req.route?.path === 'string' ? req.route.path : undefined };
    switch (failure.kind) {
      case 'invalid':
        return sendError(res, 400, { error: 'invalid_request', field: failure.field, message: failure.message });
      case 'changed-meanwhile':
        return sendError(res, 409, { error: 'changed_meanwhile', message: 'Someone else changed this at the same moment. Reload it and try again.' });
      case 'microsoft365':
        log.error({ ...where, status: failure.status }, 'Microsoft 365 request failed');
        return sendError(res, 502, { error: 'microsoft365_unavailable', message: 'Microsoft 365 did not answer as expected. Nothing was lost; try again in a minute.' });
      case 'corrupt':
        log.error(where, 'stored item unreadable');
        return sendError(res, 500, { error: 'stored_item_unreadable', message: 'A stored item could not be read. Nothing was changed; tell your safeguarding admin.' });
      case 'unexpected':
        log.error(where, 'request failed');
        return sendError(res, 500, { error: 'internal_error', message: 'Something went wrong on the server. Try again; if it keeps happening, tell your safeguarding admin.' });
    }
  };
}
