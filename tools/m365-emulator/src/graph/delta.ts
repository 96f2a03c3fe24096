import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import type { Router } from '../http/router.js';
import { graphError, json, type EmuRequest, type EmuResponse } from '../http/types.js';
import type { EventRecord } from '../store/records.js';
import { hasPermission, insufficientPrivileges } from './auth-gate.js';
import { preferredTimeZone } from './date-time-zone.js';
import { toGraphEvent } from './events-json.js';
import { findUser } from './users.js';

// event: delta on a calendarView (https://learn.microsoft.com/graph/api/event-delta,
// https://learn.microsoft.com/graph/delta-query-events): the first round returns every event in the
// window, page by page (`Prefer: odata.maxpagesize`), each page but the last with an `@odata.nextLink`
// (`$skiptoken`), the last with an `@odata.deltaLink` (`$deltatoken`). The tokens carry the window, so
// later calls need no other parameters. A later round returns the events changed since, in full as
// calendarView returns them, and as `@removed` (reason `deleted`) those deleted since and those changed
// outside the window. An expired or unknown token: 410 Gone, `syncStateNotFound`
// (https://learn.microsoft.com/graph/delta-query-overview#token-duration).

const READ = ['Calendars.Read', 'Calendars.ReadWrite'];
const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;

const tokenSchema = z.object({
  v: z.literal(1),
  /** Mailbox (user id). */
  m: z.string(),
  /** Window, UTC ms. */
  s: z.number(),
  e: z.number(),
  /** The mailbox's delta token generation when the token was made. */
  ep: z.number().int(),
  /** Changes after this counter belong to the round (-1: the initial, full round). */
  since: z.number().int(),
  /** ...up to and including this one. */
  upto: z.number().int(),
  /** skiptoken only: the last change already returned in this round. */
  after: z.object({ seq: z.number().int(), id: z.string() }).optional(),
});
type Token = z.infer<typeof tokenSchema>;

const encode = (t: Token): string => Buffer.from(JSON.stringify(t), 'utf8').toString('base64url');
function decode(raw: string): Token | undefined {
  try {
    const parsed = tokenSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const syncStateNotFound = (): EmuResponse =>
  graphError(410, 'syncStateNotFound', 'The sync state generation is not found. The delta token is expired and data must be synchronized again.');

export function maxPageSize(prefer: string | undefined): number | 'invalid' {
  const m = /odata\.maxpagesize\s*=\s*"?(\d+)"?/i.exec(prefer ?? '');
  if (!m?.[1]) return DEFAULT_PAGE;
  const n = Number(m[1]);
  return n >= 1 ? Math.min(n, MAX_PAGE) : 'invalid';
}

export function registerDeltaRoutes(router: Router, ctx: EmulatorContext, graphRoot: string): void {
  const delta = (req: EmuRequest, boxId: string): EmuResponse => {
    if (!hasPermission(req.principal, READ, READ)) return insufficientPrivileges();
    const box = boxId === 'me' ? (req.principal?.userId ? ctx.state.users.get(req.principal.userId) : undefined) : findUser(ctx, boxId);
    if (!box) return graphError(404, 'ErrorInvalidUser', `The requested user '${boxId}' is invalid.`);
    if (req.principal?.kind === 'user' && req.principal.userId !== box.id) return graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    if (req.query.has('$select')) return graphError(400, 'ErrorInvalidUrlQuery', "The query parameter '$select' is not supported with delta on calendarView.");
    const pageSize = maxPageSize(req.headers['prefer']);
    if (pageSize === 'invalid') return graphError(400, 'ErrorInvalidParameter', 'odata.maxpagesize must be a positive integer.');

    const sync = ctx.changes.mailbox(box.id);
    const skip = req.query.get('$skiptoken') ?? req.query.get('$skipToken');
    const deltaToken = req.query.get('$deltatoken') ?? req.query.get('$deltaToken');
    let token: Token;
    if (skip !== null || deltaToken !== null) {
      const decoded = decode(skip ?? deltaToken ?? '');
      if (!decoded || decoded.m !== box.id || decoded.ep !== sync.deltaEpoch) return syncStateNotFound();
      if (decoded.since >= 0 && decoded.since < sync.tombstoneFloor) return syncStateNotFound();
      // A deltaLink starts a new round: everything after it, up to now.
      token = skip !== null ? decoded : { ...decoded, since: decoded.upto, upto: sync.changeSeq, after: undefined };
    } else {
      const start = req.query.get('startDateTime') ?? req.query.get('startdatetime');
      const end = req.query.get('endDateTime') ?? req.query.get('enddatetime');
      const s = start ? Date.parse(start) : NaN;
      const e = end ? Date.parse(end) : NaN;
      if (Number.isNaN(s) || Number.isNaN(e)) {
        return graphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
      }
      token = { v: 1, m: box.id, s, e, ep: sync.deltaEpoch, since: -1, upto: sync.changeSeq };
    }

    const inWindow = (ev: EventRecord) => Date.parse(ev.startUtc) < token.e && Date.parse(ev.endUtc) > token.s;
    const inRound = (seq: number) => seq > token.since && seq <= token.upto;
    const tz = preferredTimeZone(req.headers['prefer']);
    type Change = { seq: number; id: string; render: () => Record<string, unknown> };
    const removed = (id: string) => () => ({ '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } });
    const changes: Change[] = [];
    for (const ev of ctx.state.events.values()) {
      if (ev.mailboxId !== box.id) continue;
      const seq = ev.changeSeq ?? 0;
      if (!inRound(seq)) continue;
      if (inWindow(ev)) changes.push({ seq, id: ev.id, render: () => ({ '@odata.type': '#microsoft.graph.event', ...toGraphEvent(ev, tz, ctx.origin) }) });
      else if (token.since >= 0) changes.push({ seq, id: ev.id, render: removed(ev.id) });
    }
    if (token.since >= 0) for (const t of sync.tombstones) if (inRound(t.seq)) changes.push({ seq: t.seq, id: t.id, render: removed(t.id) });
    changes.sort((a, b) => a.seq - b.seq || a.id.localeCompare(b.id));

    const after = token.after;
    const remaining = after ? changes.filter((c) => c.seq > after.seq || (c.seq === after.seq && c.id.localeCompare(after.id) > 0)) : changes;
    const page = remaining.slice(0, pageSize);
    const base = `${graphRoot}users/${encodeURIComponent(box.id)}/calendarView/delta`;
    const last = page.at(-1);
    const link =
      remaining.length > page.length && last
        ? { '@odata.nextLink': `${base}?$skiptoken=${encode({ ...token, after: { seq: last.seq, id: last.id } })}` }
        : { '@odata.deltaLink': `${base}?$deltatoken=${encode({ v: 1, m: token.m, s: token.s, e: token.e, ep: token.ep, since: token.upto, upto: token.upto })}` };
    return json(
      200,
      { '@odata.context': `${graphRoot}$metadata#Collection(event)`, ...link, value: page.map((c) => c.render()) },
      req.headers['prefer'] && /odata\.maxpagesize/i.test(req.headers['prefer']) ? { 'Preference-Applied': `odata.maxpagesize=${pageSize}` } : {},
    );
  };

  router.add('GET', '/users/:user/calendarView/delta', (req, p) => delta(req, p['user'] ?? ''));
  router.add('GET', '/users/:user/calendar/calendarView/delta', (req, p) => delta(req, p['user'] ?? ''));
  router.add('GET', '/me/calendarView/delta', (req) => delta(req, 'me'));
  router.add('GET', '/me/calendar/calendarView/delta', (req) => delta(req, 'me'));
}
