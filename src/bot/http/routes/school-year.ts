import { z } from 'zod';
import { schoolCalendarSchema } from '../../../shared/calendar/calendar-schema.js';
import type { SchoolCalendar } from '../../../shared/calendar/academic-year.js';
import { operation, type Operation } from '../api/operation.js';
import { icsPreviewResponse, schoolYearResponse } from '../api/schemas.js';
import { reply } from './reply.js';

const ADMIN_OR_LEAD = 'Safeguarding admin or designated safeguarding lead (app roles Safeguarding.Admin, Safeguarding.Lead).';

export const schoolYearOperations: Operation[] = [
  operation({
    operationId: 'getSchoolYear',
    method: 'get',
    path: '/school-year',
    summary: "The school's calendar: terms, half terms, INSET and closure days, with a warning when next year's dates are missing.",
    access: 'Any signed-in member of staff.',
    success: { status: 200, description: 'The calendar and its version.', schema: schoolYearResponse },
    handle: async ({ caller, useCases }) => reply(await useCases.getSchoolYear({ caller })),
  }),
  operation({
    operationId: 'putSchoolYear',
    method: 'put',
    path: '/school-year',
    summary: 'Saves the school calendar after checking every date; each problem is named by its field.',
    access: ADMIN_OR_LEAD,
    body: z.object({ calendar: schoolCalendarSchema, version: z.string().min(1).max(200) }).strict(),
    success: { status: 200, description: 'The saved calendar.', schema: schoolYearResponse },
    handle: async ({ caller, body, useCases }) => reply(await useCases.putSchoolYear({ caller, calendar: body.calendar as SchoolCalendar, version: body.version })),
  }),
  operation({
    operationId: 'importSchoolYearIcs',
    method: 'post',
    path: '/school-year/import-ics',
    summary: 'Reads one academic year from an iCalendar (.ics) file and returns it to preview, with any problems against their fields. Saves nothing.',
    access: ADMIN_OR_LEAD,
    body: z
      .object({
        ics: z.string().min(1, 'the file is empty').max(200_000, 'the file is too large (at most 200 kB)'),
        label: z
          .string()
          .regex(/^\d{4}\/\d{2}$/, 'a year such as 2027/28')
          .optional(),
      })
      .strict(),
    success: { status: 200, description: 'The year read from the file.', schema: icsPreviewResponse },
    handle: async ({ caller, body, useCases }) => reply(await useCases.importSchoolYearIcs({ caller, ics: body.ics, ...(body.label ? { label: body.label } : {}) })),
  }),
];
