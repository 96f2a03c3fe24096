import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import type { Router } from '../http/router.js';
import { graphError, json, type EmuRequest } from '../http/types.js';
import { hasPermission, insufficientPrivileges } from './auth-gate.js';
import { fromUtcInstant, preferredTimeZone, toUtcInstant } from './date-time-zone.js';
import { normaliseKeys } from './events.js';
import { findUser } from './users.js';

// calendar: getSchedule (https://learn.microsoft.com/graph/api/calendar-getschedule).
const body = z.object({
  schedules: z.array(z.string().min(3)).min(1),
  startTime: z.object({ dateTime: z.string(), timeZone: z.string().optional() }),
  endTime: z.object({ dateTime: z.string(), timeZone: z.string().optional() }),
  // "The default is 30 minutes, minimum is 5, maximum is 1440."
  availabilityViewInterval: z.coerce.number().int().min(5).max(1440).default(30),
});

const CODE: Record<string, number> = { free: 0, workingElsewhere: 0, tentative: 1, busy: 2, oof: 3, unknown: 0 };

export function registerScheduleRoutes(router: Router, ctx: EmulatorContext, graphRoot: string): void {
  const handler = (req: EmuRequest) => {
    if (!hasPermission(req.principal, ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'], ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'])) {
      return insufficientPrivileges();
    }
    const parsed = body.safeParse(normaliseKeys(req.body));
    if (!parsed.success) return graphError(400, 'ErrorInvalidParameter', `getSchedule: ${parsed.error.issues[0]?.path.join('.') ?? 'body'} is missing or invalid.`);
    const { schedules, availabilityViewInterval } = parsed.data;
    const start = toUtcInstant(parsed.data.startTime);
    const end = toUtcInstant(parsed.data.endTime);
    if (!start || !end || Date.parse(end) <= Date.parse(start)) return graphError(400, 'ErrorInvalidParameter', 'getSchedule: startTime must be before endTime.');
    const s = Date.parse(start);
    const e = Date.parse(end);
    const tz = preferredTimeZone(req.headers['prefer']);
    const slotMs = availabilityViewInterval * 60_000;
    const slots = Math.ceil((e - s) / slotMs);

    const value = schedules.map((address) => {
      const user = findUser(ctx, address);
      if (!user) {
        return {
          scheduleId: address,
          availabilityView: '',
          scheduleItems: [],
          error: { message: `The user '${address}' was not found.`, responseCode: 'ErrorMailRecipientNotFound' },
        };
      }
      const items = [...ctx.state.events.values()]
        .filter((ev) => ev.mailboxId === user.id && !ev.isCancelled && ev.showAs !== 'free' && Date.parse(ev.startUtc) < e && Date.parse(ev.endUtc) > s)
        .sort((a, b) => a.startUtc.localeCompare(b.startUtc));
      let view = '';
      for (let i = 0; i < slots; i++) {
        const a = s + i * slotMs;
        const b = a + slotMs;
        let code = 0;
        for (const ev of items) if (Date.parse(ev.startUtc) < b && Date.parse(ev.endUtc) > a) code = Math.max(code, CODE[ev.showAs] ?? 0);
        view += String(code);
      }
      return {
        scheduleId: address,
        availabilityView: view,
        scheduleItems: items.map((ev) => ({
          isPrivate: false,
          status: ev.showAs,
          subject: ev.subject,
          location: ev.location,
          start: fromUtcInstant(ev.startUtc, tz),
          end: fromUtcInstant(ev.endUtc, tz),
        })),
        workingHours: {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '08:00:00.0000000',
          endTime: '17:00:00.0000000',
          timeZone: { name: 'GMT Standard Time' },
        },
      };
    });
    return json(200, { '@odata.context': `${graphRoot}$metadata#Collection(microsoft.graph.scheduleInformation)`, value });
  };
  router.add('POST', '/users/:user/calendar/getSchedule', handler);
  router.add('POST', '/me/calendar/getSchedule', handler);
}
