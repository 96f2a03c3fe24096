import type { UseCases } from '../src/bot/use-cases.js';
import type { ArrangementInput } from '../src/shared/arrangements/new-arrangement.js';

// The fictional demo school's staff (tools/m365-emulator/src/seed/demo-school.ts).
const PRIYA = 'a1000000-0000-4000-8000-000000000001';
const DANIEL = 'a1000000-0000-4000-8000-000000000002';
const HANNAH = 'a1000000-0000-4000-8000-000000000003';
const MARCUS = 'a1000000-0000-4000-8000-000000000004';
const SOPHIE = 'a1000000-0000-4000-8000-000000000005';
const TOM = 'a1000000-0000-4000-8000-000000000006';
const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';
const RACHEL = 'a1000000-0000-4000-8000-000000000009';

/**
 * An arrangement for every demo supervisee, each a pairing the supervision grid allows (seed 000), and
 * one group: two heads of year and the SENCO, 2 hours per half term (seed 002 §2.2).
 */
export const DEMO_ARRANGEMENTS: ArrangementInput[] = [
  { supervisorId: RACHEL, supervisorRole: 'principal', supervisees: [{ id: DANIEL, role: 'dsl' }], organiser: 'supervisor', teamsMeeting: false, preferences: {} },
  { supervisorId: DANIEL, supervisorRole: 'dsl', supervisees: [{ id: HANNAH, role: 'deputy-dsl' }], organiser: 'supervisor', teamsMeeting: false, preferences: { days: [2, 3] } },
  { supervisorId: DANIEL, supervisorRole: 'dsl', supervisees: [{ id: MARCUS, role: 'deputy-dsl' }], organiser: 'supervisor', teamsMeeting: false, preferences: { days: [4] } },
  {
    supervisorId: HANNAH,
    supervisorRole: 'deputy-dsl',
    supervisees: [
      { id: SOPHIE, role: 'head-of-year' },
      { id: TOM, role: 'head-of-year' },
      { id: GRACE, role: 'senco' },
    ],
    durationMinutes: 120,
    organiser: 'supervisor',
    teamsMeeting: false,
    location: 'Meeting room 2',
    preferences: { times: [{ from: '13:00', to: '17:00' }] },
  },
  { supervisorId: GRACE, supervisorRole: 'senco', supervisees: [{ id: LIAM, role: 'teaching-assistant' }], organiser: 'supervisor', teamsMeeting: false, preferences: {} },
];

/** Gives a new demo school its arrangements, as the admin would, once: nothing happens when it has some already. */
export async function seedDemoArrangements(useCases: UseCases): Promise<void> {
  const caller = { id: PRIYA, roles: ['Safeguarding.Admin'] as const };
  const existing = await useCases.listArrangements({ caller: { ...caller, roles: [...caller.roles] } });
  if (!existing.ok || existing.value.length > 0) return;
  for (const arrangement of DEMO_ARRANGEMENTS) {
    const made = await useCases.createArrangement({ caller: { ...caller, roles: [...caller.roles] }, arrangement });
    if (!made.ok) throw new Error(`Demo arrangement refused: ${made.refusal.message}`);
  }
}

/** The academic year a date falls in: September starts the next one. */
function academicYearOf(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4));
  const start = Number(isoDate.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * Books this year for one demo arrangement (Grace Mwangi with Liam Doherty), as the admin would, so a
 * newcomer sees a session in the tab, and its reminder card in the Agents Playground when the next
 * session is within the reminder's working days (the planner proposes the earliest free time). Once.
 */
export async function seedDemoSessions(useCases: UseCases, today: string): Promise<void> {
  const caller = { id: PRIYA, roles: ['Safeguarding.Admin' as const] };
  const list = await useCases.listArrangements({ caller });
  const graceWithLiam = list.ok ? list.value.find((a) => a.supervisor.id === GRACE && a.supervisees.some((s) => s.id === LIAM)) : undefined;
  if (!graceWithLiam) return;
  const sessions = await useCases.listSessions({ caller, everyone: true });
  if (!sessions.ok || sessions.value.some((s) => s.session.arrangementId === graceWithLiam.id)) return;
  const started = await useCases.startBooking({ caller, request: { academicYear: academicYearOf(today), arrangementIds: [graceWithLiam.id] } });
  if (!started.ok) throw new Error(`Demo booking refused: ${started.refusal.message}`);
}
