// Bad input never crashes anything: every operation in GET /api/openapi.json is called with bodies, query
// strings and ids generated from its own schema — mostly valid, so the rules behind the validation run
// too, and now and then wrong, forged or hostile — by callers of every kind. Each answer is below 500,
// and every refusal is JSON that says what is wrong without leaking the server's insides.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '../../../src/bot/http/routes/index.js';
import { ADMIN_ID, AUDITOR_ID, DSL_ID } from '../../../tools/m365-emulator/src/index.js';
import type { RecordStorePort } from '../../../src/bot/graph/record-store.js';
import { callApi, tokenFor } from '../../support/api.js';
import { auditEntriesOf } from '../../support/audit-log.js';
import { anyJson, calendarDate, fromSchema, schoolYearInstant, timeOfDay } from '../../support/json-schema-arbitrary.js';
import { needsUserToken, operationsOf, type DocOperation, type OpenApiDoc } from '../../support/openapi-doc.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';

const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';
const CALLERS = { admin: ADMIN_ID, lead: DSL_ID, auditor: AUDITOR_ID, grace: GRACE, liam: LIAM } as const;
type Who = keyof typeof CALLERS;

// FUZZ_RUNS=500 for a longer search when changing the API.
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 25);

let stack: RunningStack;
let doc: OpenApiDoc;
const tokens = new Map<Who, string>();
// Real ids for each path parameter, so most requests get past "not found" to the rules.
const realIds: Record<string, string[]> = {};

beforeAll(async () => {
  stack = await startStack();
  for (const [who, id] of Object.entries(CALLERS)) tokens.set(who as Who, await tokenFor(stack, id));
  const as = (who: Who) => tokens.get(who);
  doc = (await callApi<OpenApiDoc>(stack, undefined, 'GET', '/api/openapi.json')).body;

  const job = await callApi<{ id: string }>(stack, as('admin'), 'POST', '/api/booking/jobs', { academicYear: '2026/27' });
  expect(job.status).toBe(202);
  await stack.app.idle();
  const sessions = await callApi<{ sessions: { session: { id: string; arrangementId: string } }[] }>(stack, as('admin'), 'GET', '/api/sessions?scope=everyone');
  const arrangements = await callApi<{ arrangements: { id: string; supervisor: { id: string } }[] }>(stack, as('admin'), 'GET', '/api/arrangements');
  const graceLiam = arrangements.body.arrangements.find((a) => a.supervisor.id === GRACE);
  const graceSession = sessions.body.sessions.find((s) => s.session.arrangementId === graceLiam?.id)?.session.id as string;
  const record = await callApi<{ record: { recordId: string } }>(stack, as('grace'), 'POST', `/api/sessions/${graceSession}/records`, { kind: 'individual' });
  expect(record.status).toBe(201);
  const decision = await callApi<{ id: string }>(stack, as('grace'), 'POST', `/api/sessions/${graceSession}/decisions`, {
    childReference: 'K.T.',
    concerns: 'Late to school twice this week.',
    actions: [{ text: 'Speak to the family', timescale: 'This week' }],
    referredToManager: false,
    chronologyEntry: true,
    caseSystem: 'CPOMS',
  });
  expect(decision.status).toBe(201);
  const grant = await callApi<{ id: string }>(stack, as('lead'), 'POST', '/api/auditor-grants', { auditorId: AUDITOR_ID, days: 7, purpose: 'API fuzz test' });
  expect(grant.status).toBe(201);

  realIds.sessionId = sessions.body.sessions
    .slice(0, 6)
    .map((s) => s.session.id)
    .concat(graceSession);
  realIds.arrangementId = arrangements.body.arrangements.map((a) => a.id);
  realIds.jobId = [job.body.id];
  realIds.recordId = [record.body.record.recordId];
  realIds.decisionId = [decision.body.id];
  realIds.grantId = [grant.body.id];
}, 60_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

/** The API the tab uses; the Graph notification endpoints are fuzzed on their own below. */
const operations = () => operationsOf(doc).filter((o) => needsUserToken(o.op));

/** A path parameter: a real id, usually; otherwise something made up or hostile. */
const pathValue = (name: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...(realIds[name] ?? ['none'])) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom("x' or 1 eq 1 or 'x", '..', '%2F', 'x'.repeat(300), '0', 'undefined') },
  );

const PEOPLE = [ADMIN_ID, DSL_ID, AUDITOR_ID, GRACE, LIAM, 'a1000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000004'];

/** What makes sense in fields the schemas cannot describe fully: real ids, times of day, the school year. */
const hints = (): Record<string, fc.Arbitrary<unknown>> => ({
  ...Object.fromEntries(Object.entries(realIds).map(([name, ids]) => [name, fc.constantFrom(...ids)])),
  arrangementIds: fc.subarray(realIds.arrangementId ?? [], { minLength: 1 }),
  ...Object.fromEntries(['supervisorId', 'auditorId', 'userId', 'ownerId', 'organiser', 'organizer'].map((name) => [name, fc.constantFrom(...PEOPLE)])),
  start: schoolYearInstant,
  end: schoolYearInstant,
  from: fc.oneof(timeOfDay, calendarDate),
  to: fc.oneof(timeOfDay, calendarDate),
  date: calendarDate,
  dueDate: calendarDate,
  academicYear: fc.constantFrom('2026/27', '2027/28', '2025/26'),
  version: fc.integer({ min: 1, max: 3 }),
  baseRevision: fc.integer({ min: 0, max: 5 }),
});

/** One request for the operation: who, the path with its ids, a query string and a body. */
function requestFor(path: string, op: DocOperation) {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const hinted = hints();
  return fc
    .record({
      who: fc.constantFrom(...(Object.keys(CALLERS) as Who[])),
      ids: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathValue(p.name)]))),
      query: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, fc.oneof(hinted[p.name] ?? fromSchema(p.schema, doc), fromSchema(p.schema, doc))])), {
        requiredKeys: [],
      }),
      extraQuery: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 })), { freq: 8 }),
      body: bodySchema
        ? fc.oneof(
            { weight: 8, arbitrary: fromSchema(bodySchema, doc, hinted) },
            // Not JSON at all, or cut short.
            { weight: 1, arbitrary: fc.constantFrom('{"a":', 'not json', '[', '') },
          )
        : fc.constant(undefined),
    })
    .map(({ who, ids, query, extraQuery, body }) => {
      const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(ids[name] as string));
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) qs.append(k, typeof v === 'string' ? v : JSON.stringify(v));
      if (extraQuery) qs.append(...extraQuery);
      const q = qs.toString();
      return { who, url: q ? `${filled}?${q}` : filled, body };
    });
}

describe('every operation, called with generated input, answers below 500 and refuses in plain JSON', () => {
  it('the document served lists exactly the operations called below', () => {
    expect(
      operations()
        .map((o) => o.op.operationId)
        .sort(),
    ).toEqual(API_OPERATIONS.map((o) => o.operationId).sort());
  });

  it.each(API_OPERATIONS.map((o) => o.operationId))('%s', async (operationId) => {
    const entry = operations().find((o) => o.op.operationId === operationId);
    if (!entry) throw new Error(`${operationId} is not in the document served`);
    const { path, method, op } = entry;
    await fc.assert(
      fc.asyncProperty(requestFor(path, op), async ({ who, url, body }) => {
        const res = await callApi<{ error?: unknown; message?: unknown }>(stack, tokens.get(who), method.toUpperCase(), url, body);
        const context = `${op.operationId} as ${who}: ${method.toUpperCase()} ${url.slice(0, 200)} ${JSON.stringify(body)?.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        expect(res.status, context).toBeLessThan(500);
        // The document is a contract: whatever is answered, it lists.
        expect(Object.keys(op.responses ?? {}), context).toContain(String(res.status));
        if (res.status >= 400) {
          expect(res.headers.get('content-type'), context).toMatch(/application\/json/);
          expect(res.body.error, context).toEqual(expect.any(String));
          expect(res.body.message, context).toEqual(expect.any(String));
          // A refusal never shows the server's insides.
          expect(JSON.stringify(res.body), context).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|TypeError|ReferenceError/);
        }
      }),
      { numRuns: RUNS_PER_OPERATION },
    );
  });

  it('an id longer than the audit log can hold is refused as not found, and the attempt is still audited, its id shortened', async () => {
    const real = realIds.recordId?.[0] ?? 'r';
    const forged = `${real}${'x'.repeat(280 - real.length)}`; // within the API's 300, past the column's 255
    const before = new Set((await auditEntriesOf(stack.app.store as RecordStorePort, ADMIN_ID)).map((e) => e.id));
    const res = await callApi<{ error: string }>(stack, tokens.get('admin'), 'GET', `/api/records/${encodeURIComponent(forged)}`);
    expect(res.status).toBe(404);
    const added = (await auditEntriesOf(stack.app.store as RecordStorePort, ADMIN_ID)).filter((e) => !before.has(e.id));
    expect(added.map((e) => e.targetId)).toEqual([`${forged.slice(0, 254)}…`]);
  });

  it('the Graph change-notification endpoints (no bearer token: Graph sends none) take any JSON without a 500', async () => {
    const notification = fc.record(
      {
        subscriptionId: fc.oneof(fc.uuid(), anyJson),
        clientState: anyJson,
        changeType: fc.oneof(fc.constantFrom('created', 'updated', 'deleted'), anyJson),
        resource: anyJson,
        lifecycleEvent: anyJson,
        resourceData: anyJson,
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(anyJson, fc.record({ value: fc.oneof(anyJson, fc.array(fc.oneof(notification, anyJson), { maxLength: 3 })) }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/graph/notifications', '/api/graph/lifecycle'), body, async (path, sent) => {
        const res = await callApi(stack, undefined, 'POST', path, JSON.stringify(sent));
        expect(res.status, `${path} ${JSON.stringify(sent)} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS_PER_OPERATION * 4 },
    );
  });

  it('afterwards the server still answers, and the background work it started has finished', async () => {
    await stack.app.idle();
    const me = await callApi(stack, tokens.get('liam'), 'GET', '/api/me');
    expect(me.status).toBe(200);
  });
});
