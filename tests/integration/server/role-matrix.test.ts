// Who may call what: every operation in GET /api/openapi.json, for every kind of caller. The paths and
// methods come from the document itself, so a new operation is covered (and must be added to the
// tables below, or this file fails).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, AUDITOR_ID, DSL_ID, PRINCIPAL_ID } from '../../../tools/m365-emulator/src/index.js';
import type { RecordStorePort } from '../../../src/bot/graph/record-store.js';
import { callApi, tokenFor, type ApiReply } from '../../support/api.js';
import { auditEntriesOf } from '../../support/audit-log.js';
import { needsUserToken, operationsOf, type Method, type OpenApiDoc } from '../../support/openapi-doc.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';

const HANNAH = 'a1000000-0000-4000-8000-000000000003';
const MARCUS = 'a1000000-0000-4000-8000-000000000004';
const SOPHIE = 'a1000000-0000-4000-8000-000000000005';
const TOM = 'a1000000-0000-4000-8000-000000000006';
const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';

const EXPECTED_OPERATIONS = [
  'getMe',
  'getSchoolYear',
  'putSchoolYear',
  'importSchoolYearIcs',
  'listArrangements',
  'createArrangement',
  'updateArrangement',
  'searchPeople',
  'previewBooking',
  'startBooking',
  'getBookingJob',
  'listSessions',
  'getSession',
  'findSessionByEvent',
  'getSessionAgenda',
  'addSessionAgendaItem',
  'listSessionAlternatives',
  'postponeSession',
  'cancelSession',
  'runReminders',
  'listUnreachablePeople',
  'listSessionRecords',
  'startRecord',
  'listRecords',
  'getRecord',
  'saveRecordDraft',
  'sendRecordForSignature',
  'signRecord',
  'requestRecordChange',
  'createDecisionRecord',
  'confirmDecisionRecord',
  'listRecordFlags',
  'grantAuditorAccess',
  'listAuditorGrants',
  'revokeAuditorGrant',
  'getComplianceDashboard',
  'listMySuperviseesStatus',
  'exportEvidencePack',
  'listSchools',
  'saveSchools',
];

interface Session {
  id: string;
  arrangementId: string;
  windowId: string;
  status: string;
  start: string;
}
interface SessionView {
  session: Session;
  arrangement: { id: string; supervisor: { id: string }; supervisees: { id: string }[] };
}
interface Arrangement {
  id: string;
  supervisor: { id: string };
  supervisees: { id: string }[];
}
interface ApiError {
  error: string;
  message: string;
  field?: string;
}
interface RecordView {
  record: { recordId: string; version: number; state: string; updatedAt: string; revision: number; sentSha256?: string };
}

// The callers, in the column order of the matrix below.
const CALLERS = [
  { who: 'admin', id: ADMIN_ID }, // Priya: Safeguarding.Admin
  { who: 'lead', id: DSL_ID }, // Daniel: Safeguarding.Lead
  { who: 'oversight', id: PRINCIPAL_ID }, // Rachel: Safeguarding.Oversight
  { who: 'auditor', id: AUDITOR_ID }, // Noah: Safeguarding.Auditor
  { who: 'staff', id: LIAM }, // Liam: a teaching assistant with no app role
] as const;
type Who = (typeof CALLERS)[number]['who'];

let stack: RunningStack;
let doc: OpenApiDoc;
const tokens = new Map<Who, string>();
let firstJobId = '';
const arr: Record<'rachelDaniel' | 'danielHannah' | 'danielMarcus' | 'group' | 'graceLiam', string> = {
  rachelDaniel: '',
  danielHannah: '',
  danielMarcus: '',
  group: '',
  graceLiam: '',
};
const sessions = new Map<string, Session>();
// Records made in beforeAll (by Grace and Daniel as supervisors, Daniel as the DSL), for the record rows and fillPath:
//  - Grace → Liam, Summer 1: the supervision record, sent for signature (Liam may sign or ask for a change);
//    the wellbeing record (a draft: Oversight may not read it); a decision record (not confirmed).
//  - Daniel → Hannah, Summer 1: the supervision record, a draft Daniel writes.
//  - An auditor grant to Noah, revoked at once: the auditor column is an auditor without an active grant.
const rec = { graceLiam: '', graceLiamWellbeing: '', danielHannah: '', decision: '', grant: '' };
let graceToken = '';
const DECISION = {
  childReference: 'J.B.',
  concerns: 'Attendance falling since half term.',
  actions: [{ text: 'Call the family', timescale: 'By Friday' }],
  referredToManager: false,
  chronologyEntry: true,
  caseSystem: 'CPOMS',
};
const sessionOf = (arrangementId: string, half: string): string => {
  const s = [...sessions.values()].find((x) => x.arrangementId === arrangementId && x.windowId === `2026/27:${half}`);
  if (!s) throw new Error(`no booked session for ${arrangementId} ${half}`);
  return s.id;
};

const as = (who: Who | undefined) => (who ? tokens.get(who) : undefined);
const api = <T = unknown>(who: Who | undefined, method: string, path: string, body?: unknown): Promise<ApiReply<T>> => callApi<T>(stack, as(who), method.toUpperCase(), path, body);

beforeAll(async () => {
  stack = await startStack();
  for (const c of CALLERS) tokens.set(c.who, await tokenFor(stack, c.id));
  doc = (await api<OpenApiDoc>(undefined, 'get', '/api/openapi.json')).body;

  const list = await api<{ arrangements: Arrangement[] }>('admin', 'get', '/api/arrangements');
  expect(list.status).toBe(200);
  const find = (supervisor: string, supervisee: string) => {
    const a = list.body.arrangements.find((x) => x.supervisor.id === supervisor && x.supervisees.some((s) => s.id === supervisee));
    if (!a) throw new Error(`demo arrangement ${supervisor} → ${supervisee} missing`);
    return a.id;
  };
  arr.rachelDaniel = find(PRINCIPAL_ID, DSL_ID);
  arr.danielHannah = find(DSL_ID, HANNAH);
  arr.danielMarcus = find(DSL_ID, MARCUS);
  arr.group = find(HANNAH, SOPHIE);
  arr.graceLiam = find(GRACE, LIAM);

  const started = await api<{ id: string }>('admin', 'post', '/api/booking/jobs', { academicYear: '2026/27' });
  expect(started.status).toBe(202);
  firstJobId = started.body.id;
  await stack.app.idle();
  const all = await api<{ sessions: SessionView[] }>('admin', 'get', '/api/sessions?scope=everyone');
  expect(all.status).toBe(200);
  for (const v of all.body.sessions) sessions.set(v.session.id, v.session);
  expect(sessions.size).toBeGreaterThanOrEqual(25);

  // Records, a decision and a revoked auditor grant (see `rec`).
  graceToken = await tokenFor(stack, GRACE);
  const asGrace = <T>(method: string, path: string, body?: unknown) => callApi<T>(stack, graceToken, method, path, body);
  const glSession = sessionOf(arr.graceLiam, 'summer1');
  const gl = await asGrace<RecordView>('POST', `/api/sessions/${glSession}/records`, { kind: 'individual' });
  expect(gl.status, JSON.stringify(gl.body)).toBe(201);
  const glSaved = await asGrace<RecordView>('PUT', `/api/records/${gl.body.record.recordId}`, {
    content: { answers: { q1: 'Settled into the new term.', q12: 'yes' }, actions: [] },
    baseRevision: gl.body.record.revision,
  });
  expect(glSaved.status, JSON.stringify(glSaved.body)).toBe(200);
  const glSent = await asGrace<RecordView>('POST', `/api/records/${gl.body.record.recordId}/send`, { baseRevision: glSaved.body.record.revision });
  expect(glSent.status, JSON.stringify(glSent.body)).toBe(200);
  rec.graceLiam = gl.body.record.recordId;
  const wb = await asGrace<RecordView>('POST', `/api/sessions/${glSession}/records`, { kind: 'wellbeing' });
  expect(wb.status).toBe(201);
  rec.graceLiamWellbeing = wb.body.record.recordId;
  const decision = await asGrace<{ id: string }>('POST', `/api/sessions/${glSession}/decisions`, DECISION);
  expect(decision.status, JSON.stringify(decision.body)).toBe(201);
  rec.decision = decision.body.id;
  const dh = await api<RecordView>('lead', 'post', `/api/sessions/${sessionOf(arr.danielHannah, 'summer1')}/records`, { kind: 'individual' });
  expect(dh.status).toBe(201);
  rec.danielHannah = dh.body.record.recordId;
  const grant = await api<{ id: string }>('lead', 'post', '/api/auditor-grants', { auditorId: AUDITOR_ID, days: 7, purpose: 'Role matrix: revoked at once' });
  expect(grant.status).toBe(201);
  rec.grant = grant.body.id;
  expect((await api('lead', 'post', `/api/auditor-grants/${rec.grant}/revoke`)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  // Bookings the allowed callers started run in the background: let them finish before stopping.
  await stack?.app.idle();
  await stack?.stop();
});

/** The operations that take a user's token: the API the tab uses (the rest are in (d)). */
const operations = () => operationsOf(doc).filter((o) => needsUserToken(o.op));

/** A real id for each path parameter, so the 401s are not just for unknown things. */
const fillPath = (path: string): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const ids: Record<string, string> = {
      arrangementId: arr.danielMarcus,
      jobId: firstJobId,
      sessionId: sessionOf(arr.danielHannah, 'spring1'),
      recordId: rec.graceLiam,
      decisionId: rec.decision,
      grantId: rec.grant,
    };
    const id = ids[name];
    if (!id) throw new Error(`no real id for path parameter {${name}}: add one to fillPath`);
    return encodeURIComponent(id);
  });

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0 and lists every operation, each with an operationId and documented 401 and 403', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = operations();
    const ids = ops.map((o) => o.op.operationId);
    for (const o of ops) {
      expect(o.op.operationId, `${o.method.toUpperCase()} ${o.path}`).toEqual(expect.any(String));
      expect(Object.keys(o.op.responses ?? {}), `${o.op.operationId}`).toEqual(expect.arrayContaining(['401', '403']));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(EXPECTED_OPERATIONS.length);
    expect(ids).toEqual(expect.arrayContaining(EXPECTED_OPERATIONS));
    for (const o of ops) expect(o.path.startsWith('/api/')).toBe(true);
  });
});

describe('(a) without a valid token, every operation answers 401 with a JSON error', () => {
  it('no token, and a token that is not one', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(16);
    for (const { path, method, op } of ops) {
      const url = fillPath(path);
      const body = op.requestBody ? {} : undefined;
      for (const authorization of [undefined, 'Bearer not-a-token']) {
        const res = await fetch(`${stack.serverUrl}${url}`, {
          method: method.toUpperCase(),
          headers: { ...(authorization ? { authorization } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        const what = `${op.operationId} ${method.toUpperCase()} ${url} (${authorization ? 'bad token' : 'no token'})`;
        expect(res.status, what).toBe(401);
        expect(res.headers.get('content-type'), what).toMatch(/application\/json/);
        expect(res.headers.get('www-authenticate'), what).toMatch(/^Bearer/);
        const json = (await res.json()) as ApiError;
        expect(json.error, what).toEqual(expect.any(String));
        expect(json.message, what).toEqual(expect.any(String));
      }
    }
  });
});

// ---- (b) the matrix ---------------------------------------------------------------------------------

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Example School//Term dates//EN',
  ...[
    ['Autumn Term', '20270901', '20271218'],
    ['Autumn Half Term', '20271025', '20271030'],
    ['Spring Term', '20280104', '20280408'],
    ['Spring Half Term', '20280214', '20280219'],
    ['Summer Term', '20280424', '20280722'],
    ['Summer Half Term', '20280529', '20280603'],
  ].flatMap(([s, a, b]) => ['BEGIN:VEVENT', `UID:${s}@example.org`, 'DTSTAMP:20250101T000000Z', `DTSTART;VALUE=DATE:${a}`, `DTEND;VALUE=DATE:${b}`, `SUMMARY:${s}`, 'END:VEVENT']),
  'END:VCALENDAR',
].join('\r\n');

interface MatrixRow {
  operationId: string;
  what: string;
  method: Method;
  path: () => string;
  body?: () => Promise<unknown> | unknown;
  /** Status per caller, in CALLERS order: admin, lead, oversight, auditor, staff (Liam). */
  expect: [number, number, number, number, number];
  /** What a 403 must say, per caller (the reason is for people, so it is checked). */
  reason?: Partial<Record<Who, RegExp>>;
}

const schoolYearBody = async () => {
  const current = await api<{ calendar: unknown; version: string }>('admin', 'get', '/api/school-year');
  return { calendar: current.body.calendar, version: current.body.version };
};
const NOT_OFFERED = '2031-01-06T10:00:00Z';
const MANAGE = /Only the safeguarding admin or a designated safeguarding lead can do this/;
const READ_RECORD = /Only the supervisor, the supervisees, the designated safeguarding lead and oversight can read this record/;
const NO_GRANT = /audit access has not been granted or has expired/;
const WELLBEING = /seen only by the supervisor, the supervisee and the DSL/;
const WRITE = /Only the supervisor writes the record/;
const NOT_SIGNATORY = /You are not asked to sign this record/;
const CONFIRM = /Only the supervisor or the designated safeguarding lead can confirm/;
const FLAGS = /Only the designated safeguarding lead and oversight see every decision record/;
const GRANT = /Only a designated safeguarding lead can grant an auditor access/;
const EVIDENCE = /Only the designated safeguarding lead, oversight, or an auditor while the DSL’s grant lasts, can export the evidence pack/;
const DASHBOARD = /Only the safeguarding admin, a designated safeguarding lead or oversight .* can see the compliance dashboard/;
const AGENDA_PARTIES = /Only the supervisor and the supervisees of this session can change its agenda/;
/** The organiser's Outlook event id of a session (the session as the API returned it carries it). */
const eventOf = (sessionId: string): string => (sessions.get(sessionId) as Session & { eventId: string }).eventId;
const SET_SCHOOLS = /Only the safeguarding admin can set the trust’s schools/;
const READ_SCHOOLS = /Only the safeguarding admin, a designated safeguarding lead or oversight can see the trust’s schools/;
/** The trust's schools as they are, to save unchanged. */
const schoolsBody = async () => {
  const current = await api<{ schools: { id: string; name: string }[]; version: string }>('admin', 'get', '/api/schools');
  return { schools: current.body.schools.map(({ id, name }) => ({ id, name })), version: current.body.version };
};

/** The latest version of a record as its DSL reads it (for baseRevision, the version and the fingerprint). */
const latest = async (recordId: string): Promise<RecordView['record']> => {
  const r = await api<RecordView>('lead', 'get', `/api/records/${recordId}`);
  expect(r.status).toBe(200);
  return r.body.record;
};

// Sessions used below, chosen so that the callers are (or are not) parties:
//  - Hannah's group (Sophie, Tom, Grace): Priya, Daniel, Rachel, Noah and Liam are none of them parties.
//  - Daniel → Hannah: Daniel supervises; Rachel, Noah and Liam are not parties.
//  - Grace → Liam: Liam is the supervisee.
const MATRIX: MatrixRow[] = [
  //                                                                                                   admin lead oversight auditor staff
  { operationId: 'getMe', what: 'who am I', method: 'get', path: () => '/api/me', expect: [200, 200, 200, 200, 200] },
  { operationId: 'getSchoolYear', what: 'term dates', method: 'get', path: () => '/api/school-year', expect: [200, 200, 200, 200, 200] },
  {
    operationId: 'putSchoolYear',
    what: 'save the school year',
    method: 'put',
    path: () => '/api/school-year',
    body: schoolYearBody,
    expect: [200, 200, 403, 403, 403],
    reason: { oversight: MANAGE, auditor: MANAGE, staff: MANAGE },
  },
  {
    operationId: 'importSchoolYearIcs',
    what: 'read an .ics',
    method: 'post',
    path: () => '/api/school-year/import-ics',
    body: () => ({ ics: ICS }),
    expect: [200, 200, 403, 403, 403],
    reason: { oversight: MANAGE, staff: MANAGE },
  },
  { operationId: 'listArrangements', what: 'arrangements (filtered)', method: 'get', path: () => '/api/arrangements', expect: [200, 200, 200, 200, 200] },
  {
    operationId: 'createArrangement',
    what: 'make an arrangement',
    method: 'post',
    path: () => '/api/arrangements',
    // Each caller asks for a different one: the same arrangement twice is refused (below).
    body: (() => {
      let n = 0;
      return () => ({ supervisorId: MARCUS, supervisorRole: 'deputy-dsl', supervisees: [{ id: [TOM, SOPHIE][n++ % 2], role: 'head-of-year' }] });
    })(),
    expect: [201, 201, 403, 403, 403],
    reason: { oversight: MANAGE, auditor: MANAGE, staff: MANAGE },
  },
  {
    operationId: 'updateArrangement',
    what: 'change an arrangement',
    method: 'patch',
    path: () => `/api/arrangements/${arr.danielMarcus}`,
    body: () => ({ location: 'Meeting room 4' }),
    expect: [200, 200, 403, 403, 403],
    reason: { staff: MANAGE },
  },
  {
    operationId: 'runReminders',
    what: 'run the reminder job now',
    method: 'post',
    path: () => '/api/reminders/run',
    expect: [200, 200, 403, 403, 403],
    reason: { oversight: MANAGE, auditor: MANAGE, staff: MANAGE },
  },
  {
    operationId: 'listUnreachablePeople',
    what: 'who the bot cannot reach',
    method: 'get',
    path: () => '/api/people/unreachable',
    expect: [200, 200, 403, 403, 403],
    reason: { oversight: MANAGE, auditor: MANAGE, staff: MANAGE },
  },
  { operationId: 'searchPeople', what: 'search the directory', method: 'get', path: () => '/api/people?q=da', expect: [200, 200, 403, 403, 403], reason: { staff: MANAGE } },
  {
    operationId: 'previewBooking',
    what: 'preview the year',
    method: 'post',
    path: () => '/api/booking/preview',
    body: () => ({ academicYear: '2026/27' }),
    expect: [200, 200, 403, 403, 403],
    reason: { oversight: MANAGE },
  },
  // One arrangement whose year is already booked: a job that books nothing new.
  {
    operationId: 'startBooking',
    what: 'book the year',
    method: 'post',
    path: () => '/api/booking/jobs',
    body: () => ({ academicYear: '2026/27', arrangementIds: [arr.rachelDaniel] }),
    expect: [202, 202, 403, 403, 403],
    reason: { oversight: MANAGE, staff: MANAGE },
  },
  {
    operationId: 'getBookingJob',
    what: 'follow a booking',
    method: 'get',
    path: () => `/api/booking/jobs/${firstJobId}`,
    expect: [200, 200, 403, 403, 403],
    reason: { auditor: MANAGE },
  },
  { operationId: 'listSessions', what: 'my sessions', method: 'get', path: () => '/api/sessions', expect: [200, 200, 200, 200, 200] },
  {
    operationId: 'listSessions',
    what: "everyone's sessions",
    method: 'get',
    path: () => '/api/sessions?scope=everyone',
    expect: [200, 200, 200, 403, 403],
    reason: { auditor: /admin, a designated safeguarding lead or oversight/, staff: /admin, a designated safeguarding lead or oversight/ },
  },
  {
    operationId: 'getSession',
    what: "a session the caller is not party to (Hannah's group)",
    method: 'get',
    path: () => `/api/sessions/${sessionOf(arr.group, 'spring1')}`,
    expect: [200, 200, 200, 403, 403],
    reason: { auditor: /Auditor access is given per inspection/, staff: /not the supervisor or a supervisee/ },
  },
  {
    // The Outlook add-in: the organiser's meeting of a session is found, then authorised as getSession.
    operationId: 'findSessionByEvent',
    what: "the meeting of a session the caller is not party to (Hannah's group)",
    method: 'get',
    path: () => `/api/sessions/by-event?eventId=${encodeURIComponent(eventOf(sessionOf(arr.group, 'spring1')))}`,
    expect: [200, 200, 200, 403, 403],
    reason: { auditor: /Auditor access is given per inspection/, staff: /not the supervisor or a supervisee/ },
  },
  {
    operationId: 'findSessionByEvent',
    what: 'a meeting that is not a supervision session',
    method: 'get',
    path: () => '/api/sessions/by-event?eventId=AAMkAGNvdC1hLXN1cGVydmlzaW9uLW1lZXRpbmc%3D',
    expect: [404, 404, 404, 404, 404],
  },
  {
    operationId: 'getSessionAgenda',
    what: "the agenda of a session the caller is not party to (Hannah's group)",
    method: 'get',
    path: () => `/api/sessions/${sessionOf(arr.group, 'spring1')}/agenda`,
    expect: [200, 200, 200, 403, 403],
    reason: { auditor: /Auditor access is given per inspection/, staff: /not the supervisor or a supervisee/ },
  },
  {
    // Only the parties write on an agenda: Liam is Grace's supervisee.
    operationId: 'addSessionAgendaItem',
    what: 'add to the agenda of Grace → Liam (Liam is the supervisee)',
    method: 'post',
    path: () => `/api/sessions/${sessionOf(arr.graceLiam, 'spring2')}/agenda/items`,
    body: () => ({ text: 'Role matrix: workload since half term' }),
    expect: [403, 403, 403, 403, 201],
    reason: { admin: AGENDA_PARTIES, lead: AGENDA_PARTIES, oversight: AGENDA_PARTIES, auditor: /Auditor access is given per inspection/ },
  },
  {
    operationId: 'listSessionAlternatives',
    what: "alternatives for a session the caller is not party to (Hannah's group)",
    method: 'get',
    path: () => `/api/sessions/${sessionOf(arr.group, 'spring2')}/alternatives`,
    expect: [200, 200, 403, 403, 403],
    reason: { oversight: /can postpone this session/, auditor: /Auditor access/, staff: /not the supervisor or a supervisee/ },
  },
  {
    // Allowed callers ask for a time that is not offered, so nothing moves: 400 after the access check.
    operationId: 'postponeSession',
    what: 'postpone Daniel → Hannah (Rachel only oversees)',
    method: 'post',
    path: () => `/api/sessions/${sessionOf(arr.danielHannah, 'spring1')}/postpone`,
    body: () => ({ start: NOT_OFFERED, reason: 'illness' }),
    expect: [400, 400, 403, 403, 403],
    reason: { oversight: /Only the supervisor, a supervisee, the safeguarding admin or a designated safeguarding lead can postpone/, staff: /not the supervisor or a supervisee/ },
  },
  {
    // The admin cancels it; the DSL then finds it cancelled already (409). Liam is its supervisee.
    operationId: 'cancelSession',
    what: 'cancel Grace → Liam (Liam is the supervisee)',
    method: 'post',
    path: () => `/api/sessions/${sessionOf(arr.graceLiam, 'summer2')}/cancel`,
    body: () => ({ reason: 'Role matrix test' }),
    expect: [200, 409, 403, 403, 403],
    reason: {
      oversight: /Only the supervisor, the safeguarding admin or a designated safeguarding lead can cancel/,
      staff: /A supervisee cannot cancel a session: postpone it instead/,
    },
  },
  {
    // A GET that finds the session in a state that does not allow it: 409, which its responses list.
    operationId: 'listSessionAlternatives',
    what: 'alternatives for the session just cancelled (Grace → Liam)',
    method: 'get',
    path: () => `/api/sessions/${sessionOf(arr.graceLiam, 'summer2')}/alternatives`,
    expect: [409, 409, 403, 403, 409],
  },

  // ---- records, decision records and auditor grants (see `rec`) ----
  {
    operationId: 'listSessionRecords',
    what: 'the records of Grace → Liam, Summer 1 (Liam is the supervisee)',
    method: 'get',
    path: () => `/api/sessions/${sessionOf(arr.graceLiam, 'summer1')}/records`,
    expect: [403, 200, 200, 403, 200],
    reason: { admin: READ_RECORD, auditor: NO_GRANT },
  },
  {
    // The draft Daniel started in beforeAll: his answer is 200 with the existing one, not a second record.
    operationId: 'startRecord',
    what: 'start the supervision record of Daniel → Hannah (Daniel supervises)',
    method: 'post',
    path: () => `/api/sessions/${sessionOf(arr.danielHannah, 'summer1')}/records`,
    body: () => ({ kind: 'individual' }),
    expect: [403, 200, 403, 403, 403],
    reason: { oversight: WRITE, staff: /not the supervisor or a supervisee/ },
  },
  // Filtered, not refused: see "lists are filtered" below.
  { operationId: 'listRecords', what: 'every record the caller may read', method: 'get', path: () => '/api/records', expect: [200, 200, 200, 200, 200] },
  {
    operationId: 'getRecord',
    what: 'the supervision record of Grace → Liam',
    method: 'get',
    path: () => `/api/records/${rec.graceLiam}`,
    expect: [403, 200, 200, 403, 200],
    reason: { admin: READ_RECORD, auditor: NO_GRANT },
  },
  {
    operationId: 'getRecord',
    what: 'the wellbeing record of Grace → Liam (not for oversight)',
    method: 'get',
    path: () => `/api/records/${rec.graceLiamWellbeing}`,
    expect: [403, 200, 403, 403, 200],
    reason: { admin: WELLBEING, oversight: WELLBEING, auditor: WELLBEING },
  },
  {
    operationId: 'saveRecordDraft',
    what: 'save the draft of Daniel → Hannah (Daniel supervises)',
    method: 'put',
    path: () => `/api/records/${rec.danielHannah}`,
    body: async () => ({ content: { answers: { q1: 'A busy half term.', q12: 'yes' }, actions: [] }, baseRevision: (await latest(rec.danielHannah)).revision }),
    expect: [403, 200, 403, 403, 403],
    reason: { admin: WRITE, oversight: WRITE, auditor: WRITE, staff: WRITE },
  },
  {
    // The first allowed call sends it; nobody else may, so the rest are refused before its state matters.
    operationId: 'sendRecordForSignature',
    what: 'send the record of Daniel → Hannah for signature',
    method: 'post',
    path: () => `/api/records/${rec.danielHannah}/send`,
    body: async () => ({ baseRevision: (await latest(rec.danielHannah)).revision }),
    expect: [403, 200, 403, 403, 403],
    reason: { admin: WRITE, oversight: WRITE, auditor: WRITE, staff: WRITE },
  },
  {
    operationId: 'signRecord',
    what: 'sign the record of Daniel → Hannah (Daniel and Hannah are asked to)',
    method: 'post',
    path: () => `/api/records/${rec.danielHannah}/sign`,
    body: async () => {
      const r = await latest(rec.danielHannah);
      return { version: r.version, sha256: r.sentSha256 };
    },
    expect: [403, 200, 403, 403, 403],
    reason: { admin: NOT_SIGNATORY, oversight: NOT_SIGNATORY, auditor: NOT_SIGNATORY, staff: NOT_SIGNATORY },
  },
  {
    // The DSL may read it but is not asked to sign it; Liam is.
    operationId: 'requestRecordChange',
    what: 'ask for a change to the record of Grace → Liam (Grace and Liam are asked to sign)',
    method: 'post',
    path: () => `/api/records/${rec.graceLiam}/request-change`,
    body: () => ({ version: 1, comment: 'Please add the training date.' }),
    expect: [403, 403, 403, 403, 200],
    reason: { admin: NOT_SIGNATORY, lead: NOT_SIGNATORY, oversight: NOT_SIGNATORY, auditor: NOT_SIGNATORY },
  },
  {
    operationId: 'createDecisionRecord',
    what: 'record a decision in Daniel → Hannah (Daniel supervises)',
    method: 'post',
    path: () => `/api/sessions/${sessionOf(arr.danielHannah, 'summer1')}/decisions`,
    body: () => DECISION,
    expect: [403, 201, 403, 403, 403],
    reason: { oversight: WRITE, staff: /not the supervisor or a supervisee/ },
  },
  {
    operationId: 'confirmDecisionRecord',
    what: "confirm Grace's decision is on the case system (the DSL may; Liam, the supervisee, may not)",
    method: 'post',
    path: () => `/api/decisions/${rec.decision}/confirm`,
    body: () => ({ reference: 'CPOMS-4471' }),
    expect: [403, 200, 403, 403, 403],
    reason: { admin: CONFIRM, oversight: CONFIRM, auditor: CONFIRM, staff: CONFIRM },
  },
  {
    operationId: 'listRecordFlags',
    what: 'what to chase about records',
    method: 'get',
    path: () => '/api/records/flags',
    expect: [403, 200, 200, 403, 403],
    reason: { admin: FLAGS, auditor: FLAGS, staff: FLAGS },
  },
  {
    // Not to Noah: a grant to him would give the auditor column access for the rows after this one.
    operationId: 'grantAuditorAccess',
    what: 'grant auditor access (to Tom)',
    method: 'post',
    path: () => '/api/auditor-grants',
    body: () => ({ auditorId: TOM, days: 1, purpose: 'Role matrix' }),
    expect: [403, 201, 403, 403, 403],
    reason: { admin: GRANT, oversight: GRANT, auditor: GRANT, staff: GRANT },
  },
  {
    operationId: 'listAuditorGrants',
    what: 'every auditor grant',
    method: 'get',
    path: () => '/api/auditor-grants',
    expect: [403, 200, 403, 403, 403],
    reason: { admin: GRANT, oversight: GRANT, auditor: GRANT, staff: GRANT },
  },
  {
    // Revoked in beforeAll already: the DSL's answer is the grant, unchanged.
    operationId: 'revokeAuditorGrant',
    what: "end Noah's auditor access",
    method: 'post',
    path: () => `/api/auditor-grants/${rec.grant}/revoke`,
    expect: [403, 200, 403, 403, 403],
    reason: { admin: GRANT, oversight: GRANT, auditor: GRANT, staff: GRANT },
  },

  // ---- compliance (read from the compliance read model) ----
  {
    operationId: 'getComplianceDashboard',
    what: 'the whole school’s compliance, overdue only',
    method: 'get',
    path: () => '/api/compliance/dashboard?status=overdue',
    expect: [200, 200, 200, 403, 403],
    reason: { auditor: DASHBOARD, staff: DASHBOARD },
  },
  // Filtered, not refused: anyone gets the rows of the people they supervise (none for most).
  { operationId: 'listMySuperviseesStatus', what: 'the caller’s own supervisees', method: 'get', path: () => '/api/compliance/my-supervisees', expect: [200, 200, 200, 200, 200] },
  {
    operationId: 'exportEvidencePack',
    what: 'the evidence pack for this term, as CSV, without case detail',
    method: 'get',
    path: () => '/api/compliance/evidence-pack?from=2026-09-01&to=2026-12-01&format=csv',
    expect: [403, 200, 200, 403, 403],
    reason: { admin: EVIDENCE, auditor: EVIDENCE, staff: EVIDENCE },
  },

  // ---- the trust's schools ----
  {
    operationId: 'listSchools',
    what: 'the trust’s schools',
    method: 'get',
    path: () => '/api/schools',
    expect: [200, 200, 200, 403, 403],
    reason: { auditor: READ_SCHOOLS, staff: READ_SCHOOLS },
  },
  {
    // Saved unchanged by the admin; a DSL, like everyone else, may not set them.
    operationId: 'saveSchools',
    what: 'set the trust’s schools (unchanged)',
    method: 'put',
    path: () => '/api/schools',
    body: schoolsBody,
    expect: [200, 403, 403, 403, 403],
    reason: { lead: SET_SCHOOLS, oversight: SET_SCHOOLS, auditor: SET_SCHOOLS, staff: SET_SCHOOLS },
  },
];

describe('(b) each role gets what it may, and a 403 with a reason for the rest', () => {
  it('the matrix covers every operation in the document', () => {
    const documented = operations().map((o) => o.op.operationId as string);
    const inMatrix = new Set(MATRIX.map((r) => r.operationId));
    expect(documented.filter((id) => !inMatrix.has(id))).toEqual([]);
    // …and names only documented ones, at the documented path and method.
    for (const r of MATRIX) {
      const o = operations().find((x) => x.op.operationId === r.operationId);
      expect(o?.method, r.operationId).toBe(r.method);
    }
  });

  it.each(MATRIX.map((r) => [`${r.operationId}: ${r.what}`, r] as const))('%s', async (_, row) => {
    const doced = operations().find((x) => x.op.operationId === row.operationId);
    expect(doced).toBeDefined();
    const pattern = new RegExp(`^${(doced?.path ?? '').replace(/\{\w+\}/g, '[^/?]+')}(\\?.*)?$`);
    for (const [i, c] of CALLERS.entries()) {
      const path = row.path();
      expect(path, `${row.operationId} path`).toMatch(pattern);
      const body = row.body ? await row.body() : undefined;
      const res = await api<ApiError>(c.who, row.method, path, body);
      const want = row.expect[i] as number;
      expect(res.status, `${row.operationId} as ${c.who}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(want);
      expect(Object.keys(doced?.op.responses ?? {}), `${row.operationId} answered ${want}, which its responses must list`).toContain(String(want));
      if (want === 403) {
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        expect(res.body.error, `${row.operationId} as ${c.who}`).toBe('forbidden');
        expect(res.body.message, `${row.operationId} as ${c.who}`).toEqual(expect.any(String));
        expect(res.body.message.length).toBeGreaterThan(10);
        const reason = row.reason?.[c.who];
        if (reason) expect(res.body.message, `${row.operationId} as ${c.who}`).toMatch(reason);
      }
    }
  });

  it('the same arrangement again (same supervisor, supervisees and format, still active) is refused with 409 naming it', async () => {
    const res = await api<ApiError>('admin', 'post', '/api/arrangements', { supervisorId: DSL_ID, supervisorRole: 'dsl', supervisees: [{ id: MARCUS, role: 'deputy-dsl' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body).toMatchObject({ error: 'arrangement_exists', message: expect.stringMatching(/^Daniel Okafor with Marcus Bell is already an arrangement/) });
    const list = await api<{ arrangements: Arrangement[] }>('admin', 'get', '/api/arrangements');
    expect(list.body.arrangements.filter((a) => a.supervisor.id === DSL_ID && a.supervisees.length === 1 && a.supervisees[0]?.id === MARCUS)).toHaveLength(1);
  });

  it('an ended arrangement may be made again, but not started again while its successor runs', async () => {
    const marcusTom = () =>
      api<{ arrangements: Arrangement[] }>('admin', 'get', '/api/arrangements').then((r) =>
        r.body.arrangements.filter((a) => a.supervisor.id === MARCUS && a.supervisees[0]?.id === TOM),
      );
    const [first] = await marcusTom();
    expect(first).toBeDefined();
    expect((await api('admin', 'patch', `/api/arrangements/${first?.id}`, { status: 'ended' })).status).toBe(200);
    const again = await api<Arrangement>('admin', 'post', '/api/arrangements', {
      supervisorId: MARCUS,
      supervisorRole: 'deputy-dsl',
      supervisees: [{ id: TOM, role: 'head-of-year' }],
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const restart = await api<ApiError>('admin', 'patch', `/api/arrangements/${first?.id}`, { status: 'active' });
    expect(restart.status, JSON.stringify(restart.body)).toBe(409);
    expect(restart.body.error).toBe('arrangement_exists');
    expect((await marcusTom()).map((a) => [a.id, (a as Arrangement & { status: string }).status]).sort()).toEqual(
      [
        [first?.id, 'ended'],
        [again.body.id, 'active'],
      ].sort(),
    );
  });

  it('lists are filtered, not refused: the auditor sees no arrangement, session or record, Liam only his own', async () => {
    const noah = await api<{ arrangements: Arrangement[] }>('auditor', 'get', '/api/arrangements');
    expect(noah.body.arrangements).toEqual([]);
    expect((await api<{ sessions: SessionView[] }>('auditor', 'get', '/api/sessions')).body.sessions).toEqual([]);
    const liam = await api<{ arrangements: Arrangement[] }>('staff', 'get', '/api/arrangements');
    expect(liam.body.arrangements.map((a) => a.id)).toEqual([arr.graceLiam]);
    const liamSessions = (await api<{ sessions: SessionView[] }>('staff', 'get', '/api/sessions')).body.sessions;
    expect(liamSessions.length).toBeGreaterThan(0);
    expect(new Set(liamSessions.map((s) => s.session.arrangementId))).toEqual(new Set([arr.graceLiam]));
    // Oversight sees every arrangement.
    const rachel = await api<{ arrangements: Arrangement[] }>('oversight', 'get', '/api/arrangements');
    expect(rachel.body.arrangements.map((a) => a.id)).toEqual(expect.arrayContaining(Object.values(arr)));
    // Records: the admin and an auditor without a grant see none; Liam his two; oversight all but wellbeing.
    const records = async (who: Who) => (await api<{ records: { recordId: string }[] }>(who, 'get', '/api/records')).body.records.map((r) => r.recordId).sort();
    expect(await records('admin')).toEqual([]);
    expect(await records('auditor')).toEqual([]);
    expect(await records('staff')).toEqual([rec.graceLiam, rec.graceLiamWellbeing].sort());
    expect(await records('oversight')).toEqual([rec.graceLiam, rec.danielHannah].sort());
    expect(await records('lead')).toEqual([rec.graceLiam, rec.graceLiamWellbeing, rec.danielHannah].sort());
    // Compliance: each supervisor sees their own supervisees' rows; Liam and the auditor supervise no one.
    const mine = async (who: Who) => (await api<{ rows: { supervisorId: string; superviseeId: string }[] }>(who, 'get', '/api/compliance/my-supervisees')).body.rows;
    expect(await mine('staff')).toEqual([]);
    expect(await mine('auditor')).toEqual([]);
    const daniels = await mine('lead');
    expect(daniels.map((r) => r.superviseeId)).toEqual(expect.arrayContaining([HANNAH, MARCUS]));
    expect(new Set(daniels.map((r) => r.supervisorId))).toEqual(new Set([DSL_ID]));
  });
});

// ---- (c) malformed input ------------------------------------------------------------------------------

interface BadInput {
  operationId: string;
  what: string;
  method: Method;
  path: () => string;
  body?: () => Promise<unknown> | unknown;
  field: string;
  message?: RegExp;
}

const LONG = (n: number) => 'x'.repeat(n);
const calendarWith = async (edit: (cal: { years: { halfTerms: { start: string }[] }[] }) => void) => {
  const b = (await schoolYearBody()) as { calendar: { years: { halfTerms: { start: string }[] }[] }; version: string };
  edit(b.calendar);
  return b;
};
const move = (start: string, over: Record<string, unknown> = {}) => ({
  academicYear: '2026/27',
  moves: [{ arrangementId: arr.danielHannah, windowId: '2026/27:spring1', start, ...over }],
});
const postponePath = () => `/api/sessions/${sessionOf(arr.danielHannah, 'spring2')}/postpone`;
const cancelPath = () => `/api/sessions/${sessionOf(arr.danielHannah, 'spring2')}/cancel`;
const recordsPath = () => `/api/sessions/${sessionOf(arr.danielHannah, 'summer1')}/records`;
const decisionsPath = () => `/api/sessions/${sessionOf(arr.danielHannah, 'summer1')}/decisions`;

const BAD: BadInput[] = [
  {
    operationId: 'putSchoolYear',
    what: 'calendar of the wrong type',
    method: 'put',
    path: () => '/api/school-year',
    body: () => ({ calendar: 'autumn', version: 'v1' }),
    field: 'calendar',
  },
  {
    operationId: 'putSchoolYear',
    what: 'version missing',
    method: 'put',
    path: () => '/api/school-year',
    body: async () => ({ calendar: (await schoolYearBody()).calendar }),
    field: 'version',
  },
  {
    operationId: 'putSchoolYear',
    what: 'an unknown field',
    method: 'put',
    path: () => '/api/school-year',
    body: async () => ({ ...(await schoolYearBody()), colour: 'red' }),
    field: 'body',
    message: /Unknown field 'colour'/,
  },
  {
    operationId: 'putSchoolYear',
    what: 'a half term starting on a date that does not exist (31 September)',
    method: 'put',
    path: () => '/api/school-year',
    body: () =>
      calendarWith((c) => {
        const autumn1 = c.years[1]?.halfTerms[0];
        if (autumn1) autumn1.start = '2026-09-31';
      }),
    field: 'calendar.years[1].halfTerms[0].start',
    message: /not a date/,
  },
  { operationId: 'importSchoolYearIcs', what: 'ics of the wrong type', method: 'post', path: () => '/api/school-year/import-ics', body: () => ({ ics: 42 }), field: 'ics' },
  { operationId: 'importSchoolYearIcs', what: 'ics missing', method: 'post', path: () => '/api/school-year/import-ics', body: () => ({}), field: 'ics' },
  {
    operationId: 'importSchoolYearIcs',
    what: 'a label that is not a year',
    method: 'post',
    path: () => '/api/school-year/import-ics',
    body: () => ({ ics: ICS, label: '2027' }),
    field: 'label',
  },
  {
    operationId: 'createArrangement',
    what: 'supervisorId of the wrong type',
    method: 'post',
    path: () => '/api/arrangements',
    body: () => ({ supervisorId: 5, supervisorRole: 'dsl', supervisees: [{ id: MARCUS, role: 'deputy-dsl' }] }),
    field: 'supervisorId',
  },
  {
    operationId: 'createArrangement',
    what: 'supervisees missing',
    method: 'post',
    path: () => '/api/arrangements',
    body: () => ({ supervisorId: DSL_ID, supervisorRole: 'dsl' }),
    field: 'supervisees',
  },
  {
    operationId: 'createArrangement',
    what: 'an unknown field',
    method: 'post',
    path: () => '/api/arrangements',
    body: () => ({ supervisorId: DSL_ID, supervisorRole: 'dsl', supervisees: [{ id: MARCUS, role: 'deputy-dsl' }], favourite: true }),
    field: 'body',
    message: /Unknown field 'favourite'/,
  },
  {
    operationId: 'createArrangement',
    what: 'a pairing the grid refuses',
    method: 'post',
    path: () => '/api/arrangements',
    body: () => ({ supervisorId: SOPHIE, supervisorRole: 'head-of-year', supervisees: [{ id: HANNAH, role: 'deputy-dsl' }] }),
    field: 'supervisees[0].role',
    message: /may not supervise a deputy DSL/,
  },
  {
    operationId: 'createArrangement',
    what: 'somebody not in the directory',
    method: 'post',
    path: () => '/api/arrangements',
    body: () => ({ supervisorId: 'a1000000-0000-4000-8000-0000000000ff', supervisorRole: 'dsl', supervisees: [{ id: MARCUS, role: 'deputy-dsl' }] }),
    field: 'supervisorId',
  },
  {
    operationId: 'updateArrangement',
    what: 'duration of the wrong type',
    method: 'patch',
    path: () => `/api/arrangements/${arr.danielMarcus}`,
    body: () => ({ durationMinutes: 'long' }),
    field: 'durationMinutes',
  },
  {
    operationId: 'updateArrangement',
    what: 'people cannot be changed (unknown field)',
    method: 'patch',
    path: () => `/api/arrangements/${arr.danielMarcus}`,
    body: () => ({ supervisorId: HANNAH }),
    field: 'body',
    message: /Unknown field 'supervisorId'/,
  },
  {
    operationId: 'updateArrangement',
    what: 'working hours that are not times',
    method: 'patch',
    path: () => `/api/arrangements/${arr.danielMarcus}`,
    body: () => ({ preferences: { workingHours: { start: '25:00', end: '17:00' } } }),
    field: 'preferences.workingHours.start',
  },
  {
    operationId: 'updateArrangement',
    what: 'an id too long',
    method: 'patch',
    path: () => `/api/arrangements/${LONG(101)}`,
    body: () => ({ location: 'x' }),
    field: 'arrangementId',
  },
  { operationId: 'searchPeople', what: 'a query too long', method: 'get', path: () => `/api/people?q=${LONG(101)}`, field: 'q' },
  { operationId: 'previewBooking', what: 'no body at all', method: 'post', path: () => '/api/booking/preview', field: 'body' },
  { operationId: 'previewBooking', what: 'academicYear missing', method: 'post', path: () => '/api/booking/preview', body: () => ({}), field: 'academicYear' },
  {
    operationId: 'previewBooking',
    what: 'academicYear of the wrong type',
    method: 'post',
    path: () => '/api/booking/preview',
    body: () => ({ academicYear: 2026 }),
    field: 'academicYear',
  },
  {
    operationId: 'previewBooking',
    what: 'a year the calendar does not have',
    method: 'post',
    path: () => '/api/booking/preview',
    body: () => ({ academicYear: '2031/32' }),
    field: 'academicYear',
    message: /has no 2031\/32/,
  },
  {
    operationId: 'previewBooking',
    what: 'an unknown arrangement',
    method: 'post',
    path: () => '/api/booking/preview',
    body: () => ({ academicYear: '2026/27', arrangementIds: ['no-such-arrangement'] }),
    field: 'arrangementIds[0]',
  },
  {
    operationId: 'previewBooking',
    what: 'a move to a time that does not exist (30 February)',
    method: 'post',
    path: () => '/api/booking/preview',
    body: () => move('2027-02-30T09:00:00Z'),
    field: 'moves[0].start',
  },
  {
    operationId: 'previewBooking',
    what: 'an unknown field in a move',
    method: 'post',
    path: () => '/api/booking/preview',
    body: () => move('2027-01-13T10:00:00Z', { end: '2027-01-13T11:00:00Z' }),
    field: 'moves[0]',
  },
  {
    operationId: 'startBooking',
    what: 'an academic year written wrong',
    method: 'post',
    path: () => '/api/booking/jobs',
    body: () => ({ academicYear: '2026-27' }),
    field: 'academicYear',
  },
  {
    operationId: 'startBooking',
    what: 'a move to a time that does not exist (30 February)',
    method: 'post',
    path: () => '/api/booking/jobs',
    body: () => move('2027-02-30T09:00:00Z'),
    field: 'moves[0].start',
  },
  {
    // Grace → Liam's Summer 2 was cancelled in the matrix above, so the window is planned again and the move is checked.
    operationId: 'startBooking',
    what: 'a move to a Saturday',
    method: 'post',
    path: () => '/api/booking/jobs',
    body: () => ({
      academicYear: '2026/27',
      arrangementIds: [arr.graceLiam],
      moves: [{ arrangementId: arr.graceLiam, windowId: '2026/27:summer2', start: '2027-06-12T09:00:00Z' }],
    }),
    field: 'moves[0].start',
    message: /weekend/,
  },
  { operationId: 'getBookingJob', what: 'an id too long', method: 'get', path: () => `/api/booking/jobs/${LONG(101)}`, field: 'jobId' },
  { operationId: 'listSessions', what: 'an unknown scope', method: 'get', path: () => '/api/sessions?scope=all', field: 'scope' },
  { operationId: 'listSessions', what: 'an academic year written wrong', method: 'get', path: () => '/api/sessions?academicYear=2026', field: 'academicYear' },
  { operationId: 'getSession', what: 'an id too long', method: 'get', path: () => `/api/sessions/${LONG(201)}`, field: 'sessionId' },
  { operationId: 'listSessionAlternatives', what: 'an id too long', method: 'get', path: () => `/api/sessions/${LONG(201)}/alternatives`, field: 'sessionId' },
  { operationId: 'findSessionByEvent', what: 'eventId missing', method: 'get', path: () => '/api/sessions/by-event', field: 'eventId' },
  {
    operationId: 'findSessionByEvent',
    what: 'a start that does not exist',
    method: 'get',
    path: () => '/api/sessions/by-event?eventId=AAMkAG&start=2027-02-30T09:00:00Z&organizer=grace.mwangi@example.org',
    field: 'start',
  },
  { operationId: 'findSessionByEvent', what: 'an eventId too long', method: 'get', path: () => `/api/sessions/by-event?eventId=${LONG(513)}`, field: 'eventId' },
  { operationId: 'getSessionAgenda', what: 'an id too long', method: 'get', path: () => `/api/sessions/${LONG(201)}/agenda`, field: 'sessionId' },
  {
    operationId: 'addSessionAgendaItem',
    what: 'text of the wrong type',
    method: 'post',
    path: () => `/api/sessions/${sessionOf(arr.danielHannah, 'spring2')}/agenda/items`,
    body: () => ({ text: 42 }),
    field: 'text',
  },
  {
    operationId: 'addSessionAgendaItem',
    what: 'an unknown field',
    method: 'post',
    path: () => `/api/sessions/${sessionOf(arr.danielHannah, 'spring2')}/agenda/items`,
    body: () => ({ text: 'Workload', addedById: DSL_ID }),
    field: 'body',
    message: /Unknown field 'addedById'/,
  },
  {
    operationId: 'postponeSession',
    what: 'a start that does not exist (30 February)',
    method: 'post',
    path: postponePath,
    body: () => ({ start: '2027-02-30T09:00:00Z', reason: 'illness' }),
    field: 'start',
  },
  { operationId: 'postponeSession', what: 'a start of the wrong type', method: 'post', path: postponePath, body: () => ({ start: 20270212, reason: 'illness' }), field: 'start' },
  {
    operationId: 'postponeSession',
    what: 'a reason not in the list',
    method: 'post',
    path: postponePath,
    body: () => ({ start: '2027-03-01T10:00:00Z', reason: 'bored' }),
    field: 'reason',
  },
  { operationId: 'postponeSession', what: 'reason missing', method: 'post', path: postponePath, body: () => ({ start: '2027-03-01T10:00:00Z' }), field: 'reason' },
  {
    operationId: 'postponeSession',
    what: 'an unknown field',
    method: 'post',
    path: postponePath,
    body: () => ({ start: '2027-03-01T10:00:00Z', reason: 'illness', byId: DSL_ID }),
    field: 'body',
    message: /Unknown field 'byId'/,
  },
  {
    operationId: 'postponeSession',
    what: 'a note too long',
    method: 'post',
    path: postponePath,
    body: () => ({ start: '2027-03-01T10:00:00Z', reason: 'other', note: LONG(201) }),
    field: 'note',
  },
  {
    operationId: 'postponeSession',
    what: 'an id too long',
    method: 'post',
    path: () => `/api/sessions/${LONG(201)}/postpone`,
    body: () => ({ start: '2027-03-01T10:00:00Z', reason: 'illness' }),
    field: 'sessionId',
  },
  { operationId: 'cancelSession', what: 'reason missing', method: 'post', path: cancelPath, body: () => ({}), field: 'reason' },
  { operationId: 'cancelSession', what: 'an empty reason', method: 'post', path: cancelPath, body: () => ({ reason: '   ' }), field: 'reason' },
  { operationId: 'cancelSession', what: 'a reason of the wrong type', method: 'post', path: cancelPath, body: () => ({ reason: 7 }), field: 'reason' },
  { operationId: 'cancelSession', what: 'an unknown field', method: 'post', path: cancelPath, body: () => ({ reason: 'x', notify: false }), field: 'body' },
  // Records: checked before anyone's access, so the admin (who may not read records) gets the 400 too.
  { operationId: 'listSessionRecords', what: 'an id too long', method: 'get', path: () => `/api/sessions/${LONG(301)}/records`, field: 'sessionId' },
  { operationId: 'startRecord', what: 'a kind that does not exist', method: 'post', path: recordsPath, body: () => ({ kind: 'diary' }), field: 'kind' },
  { operationId: 'startRecord', what: 'an unknown field', method: 'post', path: recordsPath, body: () => ({ kind: 'individual', template: 'x' }), field: 'body' },
  { operationId: 'getRecord', what: 'a version that is not a number', method: 'get', path: () => `/api/records/${rec.graceLiam}?version=latest`, field: 'version' },
  { operationId: 'getRecord', what: 'an id too long', method: 'get', path: () => `/api/records/${LONG(301)}`, field: 'recordId' },
  {
    operationId: 'saveRecordDraft',
    what: 'baseRevision missing',
    method: 'put',
    path: () => `/api/records/${rec.danielHannah}`,
    body: () => ({ content: { answers: {}, actions: [] } }),
    field: 'baseRevision',
  },
  {
    operationId: 'saveRecordDraft',
    what: 'an answer that is not text',
    method: 'put',
    path: () => `/api/records/${rec.danielHannah}`,
    body: () => ({ content: { answers: { q1: 5 }, actions: [] }, baseRevision: 0 }),
    field: 'content.answers.q1',
  },
  {
    operationId: 'saveRecordDraft',
    what: 'an answer over 8000 characters',
    method: 'put',
    path: () => `/api/records/${rec.danielHannah}`,
    body: () => ({ content: { answers: { q1: LONG(8001) }, actions: [] }, baseRevision: 0 }),
    field: 'content.answers.q1',
  },
  {
    operationId: 'sendRecordForSignature',
    what: 'baseRevision missing',
    method: 'post',
    path: () => `/api/records/${rec.danielHannah}/send`,
    body: () => ({}),
    field: 'baseRevision',
  },
  {
    operationId: 'signRecord',
    what: 'a fingerprint that is not SHA-256 hex',
    method: 'post',
    path: () => `/api/records/${rec.graceLiam}/sign`,
    body: () => ({ version: 1, sha256: 'ABC' }),
    field: 'sha256',
  },
  {
    operationId: 'signRecord',
    what: 'version 0',
    method: 'post',
    path: () => `/api/records/${rec.graceLiam}/sign`,
    body: () => ({ version: 0, sha256: 'a'.repeat(64) }),
    field: 'version',
  },
  {
    operationId: 'requestRecordChange',
    what: 'an empty comment',
    method: 'post',
    path: () => `/api/records/${rec.graceLiam}/request-change`,
    body: () => ({ version: 1, comment: '  ' }),
    field: 'comment',
  },
  {
    operationId: 'requestRecordChange',
    what: 'a comment over 1000 characters',
    method: 'post',
    path: () => `/api/records/${rec.graceLiam}/request-change`,
    body: () => ({ version: 1, comment: LONG(1001) }),
    field: 'comment',
  },
  { operationId: 'createDecisionRecord', what: 'no action agreed', method: 'post', path: decisionsPath, body: () => ({ ...DECISION, actions: [] }), field: 'actions' },
  {
    operationId: 'createDecisionRecord',
    what: 'a case system not in the list',
    method: 'post',
    path: decisionsPath,
    body: () => ({ ...DECISION, caseSystem: 'Excel' }),
    field: 'caseSystem',
  },
  {
    operationId: 'createDecisionRecord',
    what: 'a child reference longer than initials or a reference',
    method: 'post',
    path: decisionsPath,
    body: () => ({ ...DECISION, childReference: LONG(41) }),
    field: 'childReference',
  },
  {
    operationId: 'confirmDecisionRecord',
    what: 'a reference with markup in it',
    method: 'post',
    path: () => `/api/decisions/${rec.decision}/confirm`,
    body: () => ({ reference: '<b>1</b>' }),
    field: 'reference',
  },
  { operationId: 'confirmDecisionRecord', what: 'reference missing', method: 'post', path: () => `/api/decisions/${rec.decision}/confirm`, body: () => ({}), field: 'reference' },
  {
    operationId: 'grantAuditorAccess',
    what: 'more than 30 days',
    method: 'post',
    path: () => '/api/auditor-grants',
    body: () => ({ auditorId: AUDITOR_ID, days: 31, purpose: 'Inspection' }),
    field: 'days',
  },
  {
    operationId: 'grantAuditorAccess',
    what: 'an auditor id that is not an Entra object id',
    method: 'post',
    path: () => '/api/auditor-grants',
    body: () => ({ auditorId: 'noah', days: 1, purpose: 'Inspection' }),
    field: 'auditorId',
  },
  {
    operationId: 'grantAuditorAccess',
    what: 'purpose missing',
    method: 'post',
    path: () => '/api/auditor-grants',
    body: () => ({ auditorId: AUDITOR_ID, days: 1 }),
    field: 'purpose',
  },
  { operationId: 'revokeAuditorGrant', what: 'an id too long', method: 'post', path: () => `/api/auditor-grants/${LONG(301)}/revoke`, field: 'grantId' },
  {
    operationId: 'exportEvidencePack',
    what: 'a date that does not exist',
    method: 'get',
    path: () => '/api/compliance/evidence-pack?from=2026-02-30&to=2026-12-01',
    field: 'from',
  },
  { operationId: 'saveSchools', what: 'schools missing', method: 'put', path: () => '/api/schools', body: () => ({ version: 'none' }), field: 'schools' },
  { operationId: 'saveSchools', what: 'version missing', method: 'put', path: () => '/api/schools', body: () => ({ schools: [] }), field: 'version' },
  {
    operationId: 'saveSchools',
    what: 'a name over 100 characters',
    method: 'put',
    path: () => '/api/schools',
    body: async () => ({ ...(await schoolsBody()), schools: [{ name: LONG(101) }] }),
    field: 'schools[0].name',
    message: /100 characters/,
  },
  {
    operationId: 'saveSchools',
    what: 'the same name twice, in different case',
    method: 'put',
    path: () => '/api/schools',
    body: async () => ({ ...(await schoolsBody()), schools: [{ name: 'Oakfield Academy' }, { name: 'oakfield academy' }] }),
    field: 'schools[1].name',
  },
  {
    operationId: 'saveSchools',
    what: 'an unknown field in a school',
    method: 'put',
    path: () => '/api/schools',
    body: () => ({ schools: [{ name: 'Oakfield Academy', colour: 'green' }], version: 'none' }),
    field: 'schools[0]',
  },
  {
    operationId: 'createArrangement',
    what: 'a school that is not the trust’s',
    method: 'post',
    path: () => '/api/arrangements',
    body: () => ({ supervisorId: DSL_ID, supervisorRole: 'dsl', supervisees: [{ id: MARCUS, role: 'deputy-dsl' }], schoolId: 'elsewhere' }),
    field: 'schoolId',
    message: /not one of the trust’s schools/,
  },
  {
    operationId: 'updateArrangement',
    what: 'a school that is not the trust’s',
    method: 'patch',
    path: () => `/api/arrangements/${arr.danielMarcus}`,
    body: () => ({ schoolId: 'elsewhere' }),
    field: 'schoolId',
  },
  { operationId: 'getComplianceDashboard', what: 'a status that is not one', method: 'get', path: () => '/api/compliance/dashboard?status=late', field: 'status' },
  {
    operationId: 'getComplianceDashboard',
    what: 'an unknown filter',
    method: 'get',
    path: () => '/api/compliance/dashboard?colour=red',
    field: 'body',
    message: /Unknown field 'colour'/,
  },
];

describe('(c) malformed input: 400 naming the field', () => {
  it('every operation that takes a body or parameters has malformed cases here', () => {
    const needing = operations()
      .filter((o) => o.op.requestBody || (o.op.parameters ?? []).length > 0)
      .map((o) => o.op.operationId as string);
    expect(needing.length).toBeGreaterThanOrEqual(13);
    const covered = new Set(BAD.map((b) => b.operationId));
    expect(needing.filter((id) => !covered.has(id))).toEqual([]);
    for (const o of operations()) {
      if (o.op.requestBody || (o.op.parameters ?? []).length > 0) expect(Object.keys(o.op.responses ?? {}), o.op.operationId).toContain('400');
    }
  });

  it.each(BAD.map((b) => [`${b.operationId}: ${b.what}`, b] as const))('%s', async (_, bad) => {
    const body = bad.body ? await bad.body() : undefined;
    const res = await api<ApiError & { issues?: { field: string; message: string }[] }>('admin', bad.method, bad.path(), body);
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.field).toBe(bad.field);
    expect(res.body.message).toEqual(expect.any(String));
    if (bad.message) expect(res.body.message).toMatch(bad.message);
  });

  it('nothing malformed changed anything: the session used above is still booked at its time', async () => {
    const id = sessionOf(arr.danielHannah, 'spring2');
    const view = await api<SessionView>('admin', 'get', `/api/sessions/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.session).toMatchObject({ status: 'booked', start: sessions.get(id)?.start });
  });
});

// ---- (d) the endpoints that take no user token ------------------------------------------------------

interface PublicRow {
  operationId: string;
  what: string;
  method: Method;
  path: string;
  body?: unknown;
  expect: number;
  /** The answer's text, when it must be exactly this. */
  text?: string;
}
const PUBLIC: PublicRow[] = [
  { operationId: 'getHealth', what: 'up', method: 'get', path: '/api/health', expect: 200 },
  { operationId: 'getTabConfig', what: 'the sign-in settings', method: 'get', path: '/api/config', expect: 200 },
  { operationId: 'getOpenApiDocument', what: 'the document', method: 'get', path: '/api/openapi.json', expect: 200 },
  {
    operationId: 'receiveGraphChangeNotifications',
    what: 'the subscription handshake',
    method: 'post',
    path: '/api/graph/notifications?validationToken=abc123',
    expect: 200,
    text: 'abc123',
  },
  { operationId: 'receiveGraphChangeNotifications', what: 'no notifications', method: 'post', path: '/api/graph/notifications', body: { value: [] }, expect: 202 },
  { operationId: 'receiveGraphLifecycleNotifications', what: 'an empty validation token', method: 'post', path: '/api/graph/lifecycle?validationToken=', expect: 400 },
  { operationId: 'receiveGraphLifecycleNotifications', what: 'no notifications', method: 'post', path: '/api/graph/lifecycle', body: { value: [] }, expect: 202 },
  { operationId: 'receiveBotActivity', what: 'a body that is not an activity (locally the bot checks no token)', method: 'post', path: '/api/messages', body: {}, expect: 400 },
];

describe('(d) the endpoints that take no user token answer every caller alike, as documented', () => {
  const publicOps = () => operationsOf(doc).filter((o) => !needsUserToken(o.op));

  it('the document lists them, each saying who calls it, and this table covers each', () => {
    const ids = publicOps().map((o) => o.op.operationId as string);
    expect(ids.sort()).toEqual(['getHealth', 'getOpenApiDocument', 'getTabConfig', 'receiveBotActivity', 'receiveGraphChangeNotifications', 'receiveGraphLifecycleNotifications']);
    expect(new Set(PUBLIC.map((r) => r.operationId))).toEqual(new Set(ids));
    // Only the bot's names a scheme: the Bot Connector's token, never a user's.
    for (const o of publicOps()) expect(o.op.security, o.op.operationId).toEqual(o.op.operationId === 'receiveBotActivity' ? [{ botConnector: [] }] : []);
  });

  it.each(PUBLIC.map((r) => [`${r.operationId}: ${r.what}`, r] as const))('%s', async (_, row) => {
    const doced = publicOps().find((o) => o.op.operationId === row.operationId);
    expect(doced?.method).toBe(row.method);
    expect(row.path.split('?')[0]).toBe(doced?.path);
    expect(Object.keys(doced?.op.responses ?? {}), row.operationId).toContain(String(row.expect));
    const answers: string[] = [];
    for (const who of [undefined, ...CALLERS.map((c) => c.who)]) {
      const res = await fetch(`${stack.serverUrl}${row.path}`, {
        method: row.method.toUpperCase(),
        headers: { ...(who ? { authorization: `Bearer ${as(who)}` } : {}), ...(row.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(row.body !== undefined ? { body: JSON.stringify(row.body) } : {}),
      });
      const text = await res.text();
      expect(res.status, `${row.operationId} as ${who ?? 'nobody'}: ${text.slice(0, 200)}`).toBe(row.expect);
      if (row.text !== undefined) expect(text).toBe(row.text);
      answers.push(text);
    }
    // A user's token neither opens nor changes anything here.
    expect(new Set(answers).size, row.operationId).toBe(1);
  });
});

// ---- (e) refused changes are audited --------------------------------------------------------------

describe('(e) a change refused by the use case (not only by the request check) leaves an AuditLog entry', () => {
  const refusedBy = async (action: string) =>
    (await auditEntriesOf(stack.app.store as RecordStorePort, ADMIN_ID)).filter((e) => e.action === action && e.outcome === 'refused').map((e) => e.id);

  it('saving the school year over a newer save, or with a date that does not exist', async () => {
    const before = await refusedBy('school-year.save');
    const year = await api<{ calendar: { years: { halfTerms: { start: string }[] }[] }; version: string }>('admin', 'get', '/api/school-year');
    const stale = await api<ApiError>('admin', 'put', '/api/school-year', { calendar: year.body.calendar, version: 'not-the-version' });
    expect(stale.status).toBe(409);
    const impossible = structuredClone(year.body.calendar);
    (impossible.years[0]?.halfTerms[0] as { start: string }).start = '2025-02-30';
    expect((await api('admin', 'put', '/api/school-year', { calendar: impossible, version: year.body.version })).status).toBe(400);
    expect((await refusedBy('school-year.save')).filter((id) => !before.includes(id))).toHaveLength(2);
  });

  it('an arrangement with someone the directory does not know', async () => {
    const before = await refusedBy('arrangement.create');
    const res = await api('admin', 'post', '/api/arrangements', {
      supervisorId: DSL_ID,
      supervisorRole: 'dsl',
      supervisees: [{ id: '00000000-0000-4000-8000-00000000dead', role: 'teaching-assistant' }],
    });
    expect(res.status).toBe(400);
    expect((await refusedBy('arrangement.create')).filter((id) => !before.includes(id))).toHaveLength(1);
  });
});
