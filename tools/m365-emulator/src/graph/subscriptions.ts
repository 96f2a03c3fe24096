import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import { changeTypes, notificationUrlProblem } from '../emulator/notifier.js';
import type { Router } from '../http/router.js';
import { graphError, json, type EmuRequest, type EmuResponse } from '../http/types.js';
import type { SubscriptionRecord } from '../store/records.js';
import { hasPermission, insufficientPrivileges } from './auth-gate.js';
import { findUser } from './users.js';

// Subscriptions (https://learn.microsoft.com/graph/api/resources/subscription), for Outlook events only:
// resource `users/{id | userPrincipalName}/events`. Create validates the notification URL (and the
// lifecycle URL) first and creates nothing unless each echoes the token
// (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation).

/**
 * Longest Outlook event subscription, in minutes. Learn's table says 4,230 ("under three days") in
 * older revisions and 10,080 ("under 7 days") in current ones; live Graph refuses more than 10,070
 * with 400 ExtensionError "Subscription expiration can only be 10070 minutes in the future.", which
 * is what the emulator does.
 */
export const MAX_EVENT_SUBSCRIPTION_MINUTES = 10_070;

const READ = ['Calendars.Read', 'Calendars.ReadWrite'];
const CHANGE_TYPES = ['created', 'updated', 'deleted'];

const createBody = z.object({
  changeType: z.string().min(1),
  notificationUrl: z.string().min(1),
  lifecycleNotificationUrl: z.string().min(1).nullish(),
  resource: z.string().min(1),
  expirationDateTime: z.string().min(1),
  clientState: z.string().nullish(),
  latestSupportedTlsVersion: z.enum(['v1_0', 'v1_1', 'v1_2', 'v1_3']).nullish(),
  includeResourceData: z.boolean().nullish(),
});
const updateBody = z.object({ expirationDateTime: z.string().min(1) });

const invalidRequest = (message: string) => graphError(400, 'InvalidRequest', message);
const notFound = () => graphError(404, 'ResourceNotFound', 'The object was not found.');

/** The service principal id Graph reports as creatorId for an app-only subscription (stable per app here). */
function servicePrincipalId(appId: string): string {
  const h = createHash('sha256').update(`service-principal:${appId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function registerSubscriptionRoutes(router: Router, ctx: EmulatorContext, graphRoot: string): void {
  const toGraph = (s: SubscriptionRecord) => ({
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: s.clientState,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: s.expirationDateTime,
    creatorId: s.creatorId,
    includeResourceData: null,
    latestSupportedTlsVersion: s.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  });
  const entity = (s: SubscriptionRecord) => ({ '@odata.context': `${graphRoot}$metadata#subscriptions/$entity`, ...toGraph(s) });

  /** The expiry, or the 400 Graph answers for one in the past or beyond the maximum. */
  const expiry = (raw: string): string | EmuResponse => {
    const at = Date.parse(raw);
    if (Number.isNaN(at)) return invalidRequest(`Invalid expirationDateTime '${raw}'.`);
    const now = Date.now();
    if (at <= now) return graphError(400, 'ExtensionError', 'Subscription expiration can only be in the future.');
    if (at - now > MAX_EVENT_SUBSCRIPTION_MINUTES * 60_000) {
      return graphError(400, 'ExtensionError', `Subscription expiration can only be ${MAX_EVENT_SUBSCRIPTION_MINUTES} minutes in the future.`);
    }
    return new Date(at).toISOString();
  };

  /** Only the app that made a subscription sees it. */
  const own = (req: EmuRequest, id: string): SubscriptionRecord | undefined => {
    const s = ctx.notifier.get(id);
    return s && s.applicationId === req.principal?.appId ? s : undefined;
  };

  router.add('POST', '/subscriptions', async (req) => {
    const parsed = createBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return invalidRequest(`Invalid subscription: '${issue?.path.join('.') ?? 'body'}' ${issue?.message ?? 'is invalid'}.`);
    }
    const body = parsed.data;
    const types = changeTypes(body.changeType);
    if (types.length === 0 || types.some((t) => !CHANGE_TYPES.includes(t))) {
      return invalidRequest(`Invalid changeType '${body.changeType}': use created, updated and/or deleted, comma-separated.`);
    }
    if (body.clientState && body.clientState.length > 128) return invalidRequest('clientState must be at most 128 characters.');
    if (body.includeResourceData) return invalidRequest('includeResourceData needs an encryptionCertificate; the emulator supports basic notifications only.');
    const m = /^\/?users\/([^/]+)\/events$/i.exec(body.resource.trim());
    if (!m?.[1]) return invalidRequest(`Unsupported resource '${body.resource}': the emulator supports users/{id}/events.`);
    const userRef = safeDecode(m[1]);
    if (!hasPermission(req.principal, READ, READ)) return insufficientPrivileges();
    const user = findUser(ctx, userRef);
    if (!user) return graphError(404, 'ExtensionError', `Operation: Create; Exception: [Status Code: NotFound; Reason: The requested user '${userRef}' is invalid.]`);
    if (req.principal?.kind === 'user' && req.principal.userId !== user.id)
      return graphError(403, 'ExtensionError', 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied.]');
    const expires = expiry(body.expirationDateTime);
    if (typeof expires !== 'string') return expires;
    for (const url of [body.notificationUrl, body.lifecycleNotificationUrl]) {
      if (!url) continue;
      const problem = notificationUrlProblem(url);
      if (problem) return invalidRequest(`Subscription validation request failed. ${problem}`);
    }
    for (const url of [body.notificationUrl, body.lifecycleNotificationUrl]) {
      if (!url) continue;
      const failure = await ctx.notifier.validate(url);
      if (failure) return invalidRequest(`Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request. (${url}: ${failure})`);
    }
    const principal = req.principal;
    const record: SubscriptionRecord = {
      id: randomUUID(),
      resource: body.resource,
      mailboxId: user.id,
      changeType: types.join(','),
      notificationUrl: body.notificationUrl,
      lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? null,
      expirationDateTime: expires,
      clientState: body.clientState ?? null,
      applicationId: principal?.appId ?? '',
      creatorId: principal?.kind === 'user' ? (principal.userId ?? '') : servicePrincipalId(principal?.appId ?? ''),
      latestSupportedTlsVersion: body.latestSupportedTlsVersion ?? 'v1_2',
    };
    ctx.state.subscriptions.set(record.id, record);
    return json(201, entity(record));
  });

  router.add('GET', '/subscriptions', (req) =>
    json(200, {
      '@odata.context': `${graphRoot}$metadata#subscriptions`,
      value: ctx.notifier
        .active()
        .filter((s) => s.applicationId === req.principal?.appId)
        .map(toGraph),
    }),
  );

  router.add('GET', '/subscriptions/:id', (req, { id = '' }) => {
    const s = own(req, id);
    return s ? json(200, entity(s)) : notFound();
  });

  router.add('PATCH', '/subscriptions/:id', (req, { id = '' }) => {
    const s = own(req, id);
    if (!s) return notFound();
    const parsed = updateBody.safeParse(req.body);
    if (!parsed.success) return invalidRequest('Send { "expirationDateTime": "<ISO 8601>" } to renew a subscription.');
    const expires = expiry(parsed.data.expirationDateTime);
    if (typeof expires !== 'string') return expires;
    s.expirationDateTime = expires;
    ctx.state.subscriptions.set(s.id, s);
    return json(200, entity(s));
  });

  router.add('DELETE', '/subscriptions/:id', (req, { id = '' }) => {
    const s = own(req, id);
    if (!s) return notFound();
    ctx.state.subscriptions.delete(s.id);
    return { status: 204 };
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
