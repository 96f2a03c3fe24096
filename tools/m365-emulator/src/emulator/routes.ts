import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import type { Router } from '../http/router.js';
import { json } from '../http/types.js';
import { insertItem } from '../graph/sharepoint/items.js';
import { BUILT_IN_COLUMNS, checkValue } from '../graph/sharepoint/columns.js';
import { findUser } from '../graph/users.js';
import { faultConfigSchema } from './faults.js';
import { deliveryConfigSchema } from './notifier.js';
import { registerUserSeedRoute } from './seed-users.js';

/**
 * Emulator-only endpoints (no Graph equivalent), for tests and the bench. Loopback only, no token:
 * they configure faults, read counters, seed bulk data and inspect state without counting as Graph traffic.
 */
export function registerEmulatorRoutes(router: Router, ctx: EmulatorContext): void {
  const bad = (field: string, message: string) => json(400, { error: 'invalid_request', field, message });

  router.add('GET', '/_emulator/faults', () => json(200, ctx.faults.current));
  router.add('PUT', '/_emulator/faults', (req) => {
    const parsed = faultConfigSchema.safeParse(req.body ?? {});
    if (!parsed.success) return bad(parsed.error.issues[0]?.path.join('.') ?? '', parsed.error.issues[0]?.message ?? 'invalid fault configuration');
    ctx.faults.configure(parsed.data);
    return json(200, ctx.faults.current);
  });
  router.add('DELETE', '/_emulator/faults', () => {
    ctx.faults.configure({ latencyMs: 0, rules: [] });
    return { status: 204 };
  });

  router.add('GET', '/_emulator/stats', () => json(200, ctx.stats.snapshot()));
  router.add('POST', '/_emulator/stats/reset', () => {
    ctx.stats.reset();
    return { status: 204 };
  });

  router.add('GET', '/_emulator/events', (req) => {
    const mailbox = req.query.get('mailbox');
    const events = [...ctx.state.events.values()]
      .filter((e) => !mailbox || e.mailboxId === mailbox)
      .map((e) => ({
        id: e.id,
        mailboxId: e.mailboxId,
        iCalUId: e.iCalUId,
        isOrganizer: e.isOrganizer,
        isCancelled: e.isCancelled,
        transactionId: e.transactionId ?? null,
        subject: e.subject,
        startUtc: e.startUtc,
        endUtc: e.endUtc,
        attendees: e.attendees.map((a) => a.emailAddress.address),
      }));
    return json(200, { value: events });
  });

  router.add('PUT', '/_emulator/sites/:site/grants/:app', (req, { site = '', app = '' }) => {
    const record = ctx.state.sites.get(site);
    if (!record) return json(404, { error: 'not_found', field: 'site', message: `No site ${site}.` });
    const parsed = z.object({ roles: z.array(z.enum(['read', 'write'])) }).safeParse(req.body);
    if (!parsed.success) return bad('roles', 'Send { "roles": ["read" | "write"] }.');
    record.grants = [...record.grants.filter((g) => g.appId !== app), ...(parsed.data.roles.length ? [{ appId: app, roles: parsed.data.roles }] : [])];
    ctx.state.sites.set(record.id, record);
    return json(200, { grants: record.grants });
  });

  registerUserSeedRoute(router, ctx);

  // Change notifications: delivery settings, subscriptions as stored, lifecycle events on demand.
  router.add('GET', '/_emulator/notifications', () => json(200, ctx.notifier.config));
  router.add('PUT', '/_emulator/notifications', (req) => {
    const parsed = deliveryConfigSchema.safeParse(req.body ?? {});
    if (!parsed.success) return bad(parsed.error.issues[0]?.path.join('.') ?? '', parsed.error.issues[0]?.message ?? 'invalid delivery configuration');
    ctx.notifier.config = parsed.data;
    return json(200, ctx.notifier.config);
  });
  router.add('GET', '/_emulator/subscriptions', () => json(200, { value: ctx.notifier.active() }));
  const lifecycleBody = z.object({ lifecycleEvent: z.enum(['reauthorizationRequired', 'missed', 'subscriptionRemoved']) });
  router.add('POST', '/_emulator/subscriptions/:id/lifecycle', (req, { id = '' }) => {
    const s = ctx.notifier.get(id);
    if (!s) return json(404, { error: 'not_found', field: 'id', message: `No live subscription ${id}.` });
    const parsed = lifecycleBody.safeParse(req.body);
    if (!parsed.success) return bad('lifecycleEvent', 'Send { "lifecycleEvent": "reauthorizationRequired" | "missed" | "subscriptionRemoved" }.');
    if (!s.lifecycleNotificationUrl)
      return json(409, { error: 'no_lifecycle_url', field: 'id', message: `Subscription ${id} has no lifecycleNotificationUrl, so Graph would send it nothing.` });
    ctx.notifier.lifecycle(s, parsed.data.lifecycleEvent);
    return json(202, { subscriptionId: s.id, lifecycleEvent: parsed.data.lifecycleEvent, removed: parsed.data.lifecycleEvent === 'subscriptionRemoved' });
  });

  // Calendar delta: forget every delta token of a mailbox, so the next call with one gets 410.
  router.add('POST', '/_emulator/mailboxes/:mailbox/delta/expire', (_req, { mailbox = '' }) => {
    const user = findUser(ctx, mailbox);
    if (!user) return json(404, { error: 'not_found', field: 'mailbox', message: `No user ${mailbox}.` });
    ctx.changes.expireDeltaTokens(user.id);
    return { status: 204 };
  });

  const seedBody = z.object({ items: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))).max(20_000) });
  router.add('POST', '/_emulator/sites/:site/lists/:list/items', (req, { site = '', list = '' }) => {
    const record = [...ctx.state.lists.values()].find((l) => l.siteId === site && (l.id === list || l.displayName === list));
    if (!record) return json(404, { error: 'not_found', field: 'list', message: `No list ${list} on site ${site}.` });
    const parsed = seedBody.safeParse(req.body);
    if (!parsed.success) return bad('items', 'Send { "items": [ { "<column>": value } ] } (at most 20,000).');
    const columns = [...BUILT_IN_COLUMNS, ...record.columns];
    for (const [i, fields] of parsed.data.items.entries()) {
      for (const [name, value] of Object.entries(fields)) {
        const col = columns.find((c) => c.name === name);
        const problem = col ? checkValue(col, value) : `Field '${name}' is not recognized`;
        if (problem) return bad(`items[${i}].${name}`, problem);
      }
    }
    for (const fields of parsed.data.items) insertItem(ctx, record, fields, 'emulator-seed');
    return json(201, { inserted: parsed.data.items.length, count: record.items.length });
  });
}
