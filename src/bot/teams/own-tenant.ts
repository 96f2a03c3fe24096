import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { sendError } from '../http/send-error.js';

interface TenantFields {
  conversation?: { tenantId?: unknown };
  channelData?: { tenant?: { id?: unknown } };
}

/**
 * Runs after the activity's shape is checked: an activity from another organisation's Teams (a user there
 * who added the app by its id) gets a 403 and is never saved or answered. The app registration is single
 * tenant; the Bot Connector's token says only that Teams sent the activity, not from which tenant.
 */
export function acceptOwnTenantOnly(tenantId: string, log: Logger): RequestHandler {
  const ours = tenantId.toLowerCase();
  return (req, res, next) => {
    const body = req.body as TenantFields;
    const theirs = body.conversation?.tenantId ?? body.channelData?.tenant?.id;
    if (theirs === undefined || (typeof theirs === 'string' && theirs.toLowerCase() === ours)) return next();
    log.warn({ tenant: String(theirs).slice(0, 100) }, 'bot endpoint refused an activity from another tenant');
    sendError(res, 403, { error: 'other_tenant', message: 'This app serves only the organisation that installed it.' });
  };
}
