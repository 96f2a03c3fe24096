import { z } from 'zod';
import { SCHOOL_ID_MAX, SCHOOLS_MAX } from '../../../shared/schools/schools.js';
import { operation, type Operation } from '../api/operation.js';
import { reply } from './reply.js';

const school = z.object({ id: z.string(), name: z.string() });

const schoolsResponse = z
  .object({
    schools: z.array(school.extend({ arrangements: z.number().int().meta({ description: 'Arrangements (active or ended) that count in this school.' }) })),
    source: z.enum(['default', 'saved']).meta({ description: "'default' while the trust has no schools: every arrangement then counts in `defaultSchool`." }),
    defaultSchool: school,
    version: z.string().meta({ description: 'Pass back to saveSchools.' }),
  })
  .meta({
    id: 'TrustSchools',
    description: 'The trust’s schools in order. An arrangement that names no school (or one no longer listed) counts in the first school.',
  });

export const schoolOperations: Operation[] = [
  operation({
    operationId: 'listSchools',
    method: 'get',
    path: '/schools',
    summary: 'The trust’s schools, in order, each with how many arrangements count in it; empty while the trust has none (one implicit school).',
    access: 'The safeguarding admin, a designated safeguarding lead, oversight. Every call is audited.',
    success: { status: 200, description: 'The trust’s schools and their version.', schema: schoolsResponse },
    handle: async ({ caller, useCases }) => reply(await useCases.listSchools({ caller })),
  }),
  operation({
    operationId: 'saveSchools',
    method: 'put',
    path: '/schools',
    summary:
      'Sets the trust’s schools: the whole list, in order. A school without an id is new (its id is made from its name); one left out is removed, unless arrangements still count in it (409, naming how many). Names are 1 to 100 characters and unique ignoring case.',
    access: 'The safeguarding admin (app role Safeguarding.Admin). Every call is audited.',
    body: z
      .object({
        schools: z
          .array(
            z
              .object({
                id: z.string().min(1).max(SCHOOL_ID_MAX).optional().meta({ description: 'Absent for a new school.' }),
                name: z.string().max(200),
              })
              .strict(),
          )
          .max(SCHOOLS_MAX),
        version: z.string().min(1).max(200).meta({ description: 'The version listSchools returned.' }),
      })
      .strict(),
    success: { status: 200, description: 'The trust’s schools as saved.', schema: schoolsResponse },
    handle: async ({ caller, body, useCases }) => reply(await useCases.saveSchools({ caller, schools: body.schools, version: body.version })),
  }),
];
