// A trust's schools through the REST API: the admin sets them (GET/PUT /api/schools), each arrangement
// belongs to one, and the compliance dashboard and the evidence pack can be read for one school or the
// whole trust. The demo arrangements are spread over two fictional schools; fictional people only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchools } from '../../../scripts/demo-history.js';
import { createArrangementRepository } from '../../../src/bot/storage/arrangement-repository.js';
import { addMonths } from '../../../src/shared/calendar/dates.js';
import { instantToLondon, type IsoInstant } from '../../../src/shared/calendar/london-time.js';
import type { DashboardRow, WindowTally } from '../../../src/shared/compliance/dashboard.js';
import { parseCsv } from '../../../src/shared/compliance/test-csv.js';
import { ADMIN_ID, DSL_ID, PRINCIPAL_ID } from '../../../tools/m365-emulator/src/index.js';
import { callApi, tokenFor } from '../../support/api.js';
import { auditEntriesOf } from '../../support/audit-log.js';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { arrangementOf, GRACE, HANNAH, LIAM, MARCUS, RACHEL, SOPHIE } from '../bot/bot-test-kit.js';

const DANIEL = DSL_ID;
const TOM = 'a1000000-0000-4000-8000-000000000006';

interface SchoolsView {
  schools: { id: string; name: string; arrangements: number }[];
  source: 'default' | 'saved';
  defaultSchool: { id: string; name: string };
  version: string;
}
interface Dashboard {
  rows: DashboardRow[];
  windows: WindowTally[];
  schools: { id: string; name: string }[];
}
interface ApiError {
  error: string;
  message: string;
  field?: string;
}
interface Arrangement {
  id: string;
  schoolId?: string;
  supervisees: { id: string }[];
}

const OAK = 'oakfield-academy';
const RIVER = 'riverside-primary';

let stack: RunningStack;
let reader: GraphReader;
const tokens: Record<'admin' | 'dsl' | 'oversight' | 'staff', string> = { admin: '', dsl: '', oversight: '', staff: '' };
const api = <T>(who: keyof typeof tokens, method: string, path: string, body?: unknown) => callApi<T>(stack, tokens[who], method, path, body);
const arr: Record<'rachelDaniel' | 'danielHannah' | 'danielMarcus' | 'group' | 'graceLiam' | 'marcusTom', string> = {
  rachelDaniel: '',
  danielHannah: '',
  danielMarcus: '',
  group: '',
  graceLiam: '',
  marcusTom: '',
};
const today = () => instantToLondon(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') as IsoInstant).date;

// Who is in which school once the arrangements are spread (Tom twice: the group, and Marcus's new arrangement).
const OAK_SUPERVISEES = new Set([DANIEL, HANNAH, MARCUS]);
const RIVER_SUPERVISEES = new Set([SOPHIE, TOM, GRACE, LIAM]);

const schools = async () => {
  const res = await api<SchoolsView>('admin', 'GET', '/api/schools');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const dashboard = async (query = '') => {
  const res = await api<Dashboard>('admin', 'GET', `/api/compliance/dashboard${query}`);
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  return res.body;
};

beforeAll(async () => {
  stack = await startStack();
  reader = graphReader(stack.emulator);
  tokens.admin = await tokenFor(stack, ADMIN_ID);
  tokens.dsl = await tokenFor(stack, DANIEL);
  tokens.oversight = await tokenFor(stack, PRINCIPAL_ID);
  tokens.staff = await tokenFor(stack, LIAM);
  arr.rachelDaniel = (await arrangementOf(stack.app, RACHEL, DANIEL)).id;
  arr.danielHannah = (await arrangementOf(stack.app, DANIEL, HANNAH)).id;
  arr.danielMarcus = (await arrangementOf(stack.app, DANIEL, MARCUS)).id;
  arr.group = (await arrangementOf(stack.app, HANNAH, SOPHIE)).id;
  arr.graceLiam = (await arrangementOf(stack.app, GRACE, LIAM)).id;
}, 120_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

describe('a trust’s schools', () => {
  it('start as the one implicit school: no schools saved, the dashboard has "All staff"', async () => {
    const view = await schools();
    expect(view).toMatchObject({ schools: [], source: 'default', defaultSchool: { id: 'school', name: 'All staff' }, version: 'none' });
    expect((await dashboard()).schools).toEqual([{ id: 'school', name: 'All staff' }]);
    // DSL and oversight may read them; staff may not.
    expect((await api('dsl', 'GET', '/api/schools')).status).toBe(200);
    expect((await api('oversight', 'GET', '/api/schools')).status).toBe(200);
    expect((await api<ApiError>('staff', 'GET', '/api/schools')).body).toMatchObject({ error: 'forbidden' });
  });

  it('only the safeguarding admin sets them: the DSL is refused 403 and nothing changes', async () => {
    const res = await api<ApiError>('dsl', 'PUT', '/api/schools', { schools: [{ name: 'Oakfield Academy' }], version: 'none' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/Only the safeguarding admin can set the trust’s schools/) });
    expect((await schools()).version).toBe('none');
    const audit = (await auditEntriesOf(reader.store, DANIEL)).filter((e) => e.action === 'schools.save');
    expect(audit).toEqual([expect.objectContaining({ outcome: 'refused', detail: 'forbidden' })]);
  });

  it('the admin saves two; a name used twice, or a save over someone else’s, is refused', async () => {
    const twice = await api<ApiError>('admin', 'PUT', '/api/schools', { schools: [{ name: 'Oakfield Academy' }, { name: 'OAKFIELD academy' }], version: 'none' });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ error: 'invalid_request', field: 'schools[1].name' });
    const tooLong = await api<ApiError>('admin', 'PUT', '/api/schools', { schools: [{ name: 'x'.repeat(101) }], version: 'none' });
    expect(tooLong.body).toMatchObject({ error: 'invalid_request', field: 'schools[0].name' });

    const saved = await api<SchoolsView>('admin', 'PUT', '/api/schools', { schools: [{ name: 'Oakfield Academy' }, { name: ' Riverside  Primary ' }], version: 'none' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.source).toBe('saved');
    // Every demo arrangement names no school yet, so all five count in the first.
    expect(saved.body.schools).toEqual([
      { id: OAK, name: 'Oakfield Academy', arrangements: 5 },
      { id: RIVER, name: 'Riverside Primary', arrangements: 0 },
    ]);
    expect(saved.body.version).not.toBe('none');

    const stale = await api<ApiError>('admin', 'PUT', '/api/schools', { schools: [{ name: 'Hillcrest Infants' }], version: 'none' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'version_conflict', field: 'version' });
    expect((await schools()).schools.map((s) => s.id)).toEqual([OAK, RIVER]);
    expect((await dashboard()).schools).toEqual([
      { id: OAK, name: 'Oakfield Academy' },
      { id: RIVER, name: 'Riverside Primary' },
    ]);
  });

  it('each arrangement is put in one; a school that is not the trust’s is refused 400 and nothing changes', async () => {
    for (const id of [arr.rachelDaniel, arr.danielHannah, arr.danielMarcus]) {
      const res = await api<Arrangement>('admin', 'PATCH', `/api/arrangements/${id}`, { schoolId: OAK });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.schoolId).toBe(OAK);
    }
    for (const id of [arr.group, arr.graceLiam]) expect((await api('admin', 'PATCH', `/api/arrangements/${id}`, { schoolId: RIVER })).status).toBe(200);
    const made = await api<Arrangement>('admin', 'POST', '/api/arrangements', {
      supervisorId: MARCUS,
      supervisorRole: 'deputy-dsl',
      supervisees: [{ id: TOM, role: 'head-of-year' }],
      schoolId: RIVER,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.schoolId).toBe(RIVER);
    arr.marcusTom = made.body.id;

    const patched = await api<ApiError>('admin', 'PATCH', `/api/arrangements/${arr.graceLiam}`, { schoolId: 'elsewhere' });
    expect(patched.status).toBe(400);
    expect(patched.body).toMatchObject({ error: 'invalid_request', field: 'schoolId', message: expect.stringMatching(/'elsewhere' is not one of the trust’s schools/) });
    const created = await api<ApiError>('admin', 'POST', '/api/arrangements', {
      supervisorId: DANIEL,
      supervisorRole: 'dsl',
      supervisees: [{ id: TOM, role: 'head-of-year' }],
      schoolId: 'elsewhere',
    });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ error: 'invalid_request', field: 'schoolId' });

    const list = (await api<{ arrangements: Arrangement[] }>('admin', 'GET', '/api/arrangements')).body.arrangements;
    expect(list.find((a) => a.id === arr.graceLiam)?.schoolId).toBe(RIVER);
    expect(list).toHaveLength(6);
    expect((await schools()).schools.map((s) => [s.id, s.arrangements])).toEqual([
      [OAK, 3],
      [RIVER, 3],
    ]);

    // A year of history to count: every arrangement began a year ago (written behind the app's back, then caught up).
    const repo = createArrangementRepository(reader.store);
    for (const a of await repo.list()) await repo.update(a, { ...a.value, startDate: addMonths(today(), -12) });
    await stack.app.readModel.refresh();
  });

  it('the dashboard for one school shows only its rows and windows; the trust view shows both', async () => {
    const trust = await dashboard();
    const oak = await dashboard(`?schoolId=${OAK}`);
    const river = await dashboard(`?schoolId=${RIVER}`);

    expect(new Set(oak.rows.map((r) => r.superviseeId))).toEqual(OAK_SUPERVISEES);
    expect(oak.rows.every((r) => r.schoolId === OAK)).toBe(true);
    expect(oak.windows.length).toBeGreaterThan(0);
    expect(oak.windows.every((w) => w.schoolId === OAK)).toBe(true);

    expect(new Set(river.rows.map((r) => r.superviseeId))).toEqual(RIVER_SUPERVISEES);
    expect(river.rows.every((r) => r.schoolId === RIVER)).toBe(true);
    expect(river.rows.find((r) => r.superviseeId === LIAM)?.arrangementId).toBe(arr.graceLiam);
    expect(river.windows.length).toBeGreaterThan(0);
    expect(river.windows.every((w) => w.schoolId === RIVER)).toBe(true);

    // The trust: both schools' rows, and each school's windows (sessions held against due per half term per school).
    expect(trust.rows).toHaveLength(oak.rows.length + river.rows.length);
    expect(new Set(trust.windows.map((w) => w.schoolId))).toEqual(new Set([OAK, RIVER]));
    expect(trust.windows).toEqual(expect.arrayContaining([...oak.windows, ...river.windows]));
    expect(trust.windows).toHaveLength(oak.windows.length + river.windows.length);
    // Three half-termly arrangements in Oakfield, each due once in a half term that has ended.
    const ended = oak.windows.find((w) => w.due === 3);
    expect(ended, JSON.stringify(oak.windows)).toBeDefined();
    expect(trust.schools.map((s) => s.id)).toEqual([OAK, RIVER]);
    // Filters combine: Daniel's supervisees in Riverside are none.
    expect((await dashboard(`?schoolId=${RIVER}&supervisorId=${DANIEL}`)).rows).toEqual([]);
  });

  it('a school that still has arrangements cannot be removed (409 naming how many) and nothing changes', async () => {
    const before = await schools();
    const res = await api<ApiError>('admin', 'PUT', '/api/schools', { schools: [{ id: OAK, name: 'Oakfield Academy' }], version: before.version });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'school_has_arrangements', message: expect.stringMatching(/Riverside Primary still has 3 arrangements/) });
    expect(await schools()).toEqual(before);
    expect(new Set((await dashboard(`?schoolId=${RIVER}`)).rows.map((r) => r.superviseeId))).toEqual(RIVER_SUPERVISEES);
    const audit = (await auditEntriesOf(reader.store, ADMIN_ID)).filter((e) => e.action === 'schools.save');
    expect(audit.map((e) => `${e.outcome}:${e.detail ?? ''}`)).toEqual(
      expect.arrayContaining(['refused:school_has_arrangements', 'refused:version_conflict', expect.stringMatching(/^done:2 schools; 2 added/)]),
    );
  });

  it('a school is renamed (its id kept), and one with no arrangements is added and removed', async () => {
    let view = await schools();
    const renamed = await api<SchoolsView>('admin', 'PUT', '/api/schools', {
      schools: [{ id: OAK, name: 'Oakfield Academy' }, { id: RIVER, name: 'Riverside Primary School' }, { name: 'Hillcrest Infants' }],
      version: view.version,
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.schools.map((s) => `${s.id}=${s.name}`)).toEqual([`${OAK}=Oakfield Academy`, `${RIVER}=Riverside Primary School`, 'hillcrest-infants=Hillcrest Infants']);
    expect((await dashboard()).schools.find((s) => s.id === RIVER)?.name).toBe('Riverside Primary School');
    view = renamed.body;
    const removed = await api<SchoolsView>('admin', 'PUT', '/api/schools', { schools: view.schools.slice(0, 2).map(({ id, name }) => ({ id, name })), version: view.version });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.schools.map((s) => s.id)).toEqual([OAK, RIVER]);
    // The removed school is no longer one an arrangement can be put in.
    const into = await api<ApiError>('admin', 'PATCH', `/api/arrangements/${arr.graceLiam}`, { schoolId: 'hillcrest-infants' });
    expect(into.status).toBe(400);
  });

  it('the evidence pack for one school holds only that school’s people; an unknown school is 400', async () => {
    const range = `from=${addMonths(today(), -11)}&to=${today()}&format=csv`;
    const res = await fetch(`${stack.serverUrl}/api/compliance/evidence-pack?${range}&schoolId=${RIVER}`, { headers: { authorization: `Bearer ${tokens.dsl}` } });
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    const header = rows.find((r) => r[0] === 'section' && r[1] === 'school');
    const at = (name: string) => header?.indexOf(name) ?? -1;
    const supervisees = rows.filter((r) => r[0] === 'supervisee');
    expect(new Set(supervisees.map((r) => r[at('supervisee')]))).toEqual(new Set(['Sophie Lindqvist', 'Tom Adeyemi', 'Grace Mwangi', 'Liam Doherty']));
    expect(supervisees.every((r) => r[at('school')] === RIVER)).toBe(true);
    expect(supervisees.map((r) => r[at('arrangement_id')])).not.toContain(arr.danielMarcus);
    const pack = rows.find((r) => r[0] === 'pack');
    expect(pack?.[3]).toBe('Riverside Primary School');

    const trust = await fetch(`${stack.serverUrl}/api/compliance/evidence-pack?${range}`, { headers: { authorization: `Bearer ${tokens.dsl}` } });
    const all = parseCsv(await trust.text()).filter((r) => r[0] === 'supervisee');
    expect(new Set(all.map((r) => r[at('school')]))).toEqual(new Set([OAK, RIVER]));
    expect(all.some((r) => r[at('supervisee')] === 'Marcus Bell')).toBe(true);

    const unknown = await api<ApiError>('dsl', 'GET', `/api/compliance/evidence-pack?${range}&schoolId=hillcrest-infants`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'invalid_request', field: 'schoolId' });
  });
});

describe('the demo trust (npm start)', () => {
  let demo: RunningStack;
  beforeAll(async () => {
    demo = await startStack({ demoHistory: true });
  }, 120_000);
  afterAll(async () => {
    await demo?.app.idle();
    await demo?.stop();
  });

  it('has two schools with the demo arrangements spread over them, each with something to catch', async () => {
    const token = await tokenFor(demo, ADMIN_ID);
    const view = await callApi<SchoolsView>(demo, token, 'GET', '/api/schools');
    expect(view.body.schools).toEqual([
      { id: OAK, name: 'Oakfield Academy', arrangements: 3 },
      { id: RIVER, name: 'Riverside Primary', arrangements: 2 },
    ]);
    const of = async (schoolId: string) => (await callApi<Dashboard>(demo, token, 'GET', `/api/compliance/dashboard?schoolId=${schoolId}`)).body;
    const oak = await of(OAK);
    const river = await of(RIVER);
    expect(new Set(oak.rows.map((r) => r.superviseeId))).toEqual(OAK_SUPERVISEES);
    expect(new Set(river.rows.map((r) => r.superviseeId))).toEqual(RIVER_SUPERVISEES);
    expect(oak.rows.find((r) => r.superviseeId === MARCUS)?.status).toBe('overdue');
    expect(river.rows.find((r) => r.superviseeId === LIAM)?.contract).toBe('overdue');
    expect(oak.windows.some((w) => w.held > 0)).toBe(true);
    expect(river.windows.some((w) => w.held > 0)).toBe(true);
    // Seeding again changes nothing.
    expect(await seedDemoSchools(demo.app.useCases)).toBe(0);
  });
});
