import { describe, expect, it } from 'vitest';
import type { Arrangement } from '../arrangements/arrangement.js';
import { APP_ROLES, isAppRole, type AppRole, type Caller } from './app-roles.js';
import { canCancelSession, canManageSchedule, canPostponeSession, canReadSchoolYear, canSeeArrangement, canSeeEveryone, isParty } from './authorise.js';

const SUPERVISOR = 'sup-1';
const SUPERVISEE_A = 'see-a';
const SUPERVISEE_B = 'see-b';
const OUTSIDER = 'outsider';

const arrangement = (id: string, supervisorId: string, superviseeIds: string[]): Arrangement => ({
  id,
  supervisor: { id: supervisorId, displayName: `Person ${supervisorId}`, mail: `${supervisorId}@school.example`, role: 'dsl' },
  supervisees: superviseeIds.map((s) => ({ id: s, displayName: `Person ${s}`, mail: `${s}@school.example`, role: 'head-of-year' as const })),
  format: superviseeIds.length > 1 ? 'group' : 'individual',
  cadence: { kind: 'half-termly' },
  durationMinutes: 60,
  maxGapMonths: 3,
  organiser: 'supervisor',
  teamsMeeting: false,
  preferences: {},
  status: 'active',
  startDate: '2026-09-01',
});

const mine = arrangement('arr-1', SUPERVISOR, [SUPERVISEE_A, SUPERVISEE_B]);
// Another arrangement: SUPERVISEE_A's colleague is supervised by someone else.
const other = arrangement('arr-2', 'sup-2', ['see-c']);

const who = (id: string, ...roles: AppRole[]): Caller => ({ id, roles });

const ALL_ROLE_SETS: { name: string; roles: AppRole[] }[] = [{ name: 'no app role', roles: [] }, ...APP_ROLES.map((r) => ({ name: r, roles: [r] }))];

describe('app roles', () => {
  it('knows exactly the four Entra app roles', () => {
    expect([...APP_ROLES]).toEqual(['Safeguarding.Admin', 'Safeguarding.Lead', 'Safeguarding.Oversight', 'Safeguarding.Auditor']);
    for (const r of APP_ROLES) expect(isAppRole(r)).toBe(true);
    expect(isAppRole('Safeguarding.admin')).toBe(false);
    expect(isAppRole('Admin')).toBe(false);
    expect(isAppRole('')).toBe(false);
  });
});

describe('canManageSchedule (school year, arrangements, booking)', () => {
  it.each(ALL_ROLE_SETS)('$name', ({ roles }) => {
    const d = canManageSchedule(who(OUTSIDER, ...roles));
    const allowed = roles.includes('Safeguarding.Admin') || roles.includes('Safeguarding.Lead');
    expect(d.ok).toBe(allowed);
    if (!d.ok) expect(d.reason).toMatch(/safeguarding admin or a designated safeguarding lead/);
  });

  it('being a supervisor or supervisee does not let you manage the schedule', () => {
    expect(canManageSchedule(who(SUPERVISOR)).ok).toBe(false);
    expect(canManageSchedule(who(SUPERVISEE_A)).ok).toBe(false);
  });

  it('any one of several roles is enough', () => {
    expect(canManageSchedule(who(OUTSIDER, 'Safeguarding.Auditor', 'Safeguarding.Lead')).ok).toBe(true);
    expect(canManageSchedule(who(OUTSIDER, 'Safeguarding.Oversight', 'Safeguarding.Auditor')).ok).toBe(false);
  });
});

describe('canSeeEveryone', () => {
  it.each(ALL_ROLE_SETS)('$name', ({ roles }) => {
    const expected = roles.some((r) => r === 'Safeguarding.Admin' || r === 'Safeguarding.Lead' || r === 'Safeguarding.Oversight');
    expect(canSeeEveryone(who(OUTSIDER, ...roles))).toBe(expected);
  });
});

describe('canReadSchoolYear', () => {
  it.each(ALL_ROLE_SETS)('$name may read term dates', ({ roles }) => {
    expect(canReadSchoolYear(who(OUTSIDER, ...roles))).toEqual({ ok: true });
  });
});

describe('canSeeArrangement', () => {
  it.each(ALL_ROLE_SETS)('$name, not a party', ({ roles }) => {
    const d = canSeeArrangement(who(OUTSIDER, ...roles), mine);
    const expected = roles.some((r) => r === 'Safeguarding.Admin' || r === 'Safeguarding.Lead' || r === 'Safeguarding.Oversight');
    expect(d.ok).toBe(expected);
    if (!d.ok && roles.includes('Safeguarding.Auditor')) expect(d.reason).toMatch(/Auditor access is given per inspection/);
    if (!d.ok && roles.length === 0) expect(d.reason).toMatch(/not the supervisor or a supervisee/);
  });

  it('every party sees their own arrangement, with no app role', () => {
    for (const id of [SUPERVISOR, SUPERVISEE_A, SUPERVISEE_B]) expect(canSeeArrangement(who(id), mine).ok).toBe(true);
  });

  it('a supervisee of another arrangement is refused', () => {
    const d = canSeeArrangement(who('see-c'), mine);
    expect(d).toEqual({ ok: false, reason: expect.stringMatching(/not the supervisor or a supervisee/) });
    expect(canSeeArrangement(who(SUPERVISEE_A), other).ok).toBe(false);
    expect(canSeeArrangement(who(SUPERVISOR), other).ok).toBe(false);
  });

  it('an auditor who is also a party sees their own arrangement', () => {
    expect(canSeeArrangement(who(SUPERVISEE_A, 'Safeguarding.Auditor'), mine).ok).toBe(true);
  });
});

describe('canPostponeSession', () => {
  it.each(ALL_ROLE_SETS)('$name, not a party', ({ roles }) => {
    const d = canPostponeSession(who(OUTSIDER, ...roles), mine);
    const expected = roles.includes('Safeguarding.Admin') || roles.includes('Safeguarding.Lead');
    expect(d.ok).toBe(expected);
    if (!d.ok) expect(d.reason).toMatch(/Only the supervisor, a supervisee, the safeguarding admin or a designated safeguarding lead/);
  });

  it('oversight only looks: refused', () => {
    expect(canPostponeSession(who(OUTSIDER, 'Safeguarding.Oversight'), mine).ok).toBe(false);
  });

  it('any party may postpone', () => {
    for (const id of [SUPERVISOR, SUPERVISEE_A, SUPERVISEE_B]) expect(canPostponeSession(who(id), mine).ok).toBe(true);
  });

  it('a supervisee of another arrangement is refused', () => {
    expect(canPostponeSession(who('see-c'), mine).ok).toBe(false);
    expect(canPostponeSession(who(SUPERVISEE_A), other).ok).toBe(false);
  });
});

describe('canCancelSession', () => {
  it.each(ALL_ROLE_SETS)('$name, not a party', ({ roles }) => {
    const d = canCancelSession(who(OUTSIDER, ...roles), mine);
    const expected = roles.includes('Safeguarding.Admin') || roles.includes('Safeguarding.Lead');
    expect(d.ok).toBe(expected);
    if (!d.ok) expect(d.reason).toMatch(/Only the supervisor, the safeguarding admin or a designated safeguarding lead can cancel/);
  });

  it('the supervisor may cancel', () => {
    expect(canCancelSession(who(SUPERVISOR), mine).ok).toBe(true);
  });

  it('a supervisee may not, and is told to postpone instead', () => {
    for (const id of [SUPERVISEE_A, SUPERVISEE_B]) {
      const d = canCancelSession(who(id), mine);
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.reason).toMatch(/A supervisee cannot cancel a session: postpone it instead/);
    }
  });

  it('a supervisee who is also the admin or a lead may cancel through that role', () => {
    expect(canCancelSession(who(SUPERVISEE_A, 'Safeguarding.Admin'), mine).ok).toBe(true);
    expect(canCancelSession(who(SUPERVISEE_A, 'Safeguarding.Lead'), mine).ok).toBe(true);
    expect(canCancelSession(who(SUPERVISEE_A, 'Safeguarding.Oversight'), mine).ok).toBe(false);
  });

  it('the supervisor of another arrangement may not', () => {
    expect(canCancelSession(who('sup-2'), mine).ok).toBe(false);
    expect(canCancelSession(who(SUPERVISOR), other).ok).toBe(false);
  });
});

describe('isParty', () => {
  it('the supervisor and each supervisee, nobody else', () => {
    expect(isParty(SUPERVISOR, mine)).toBe(true);
    expect(isParty(SUPERVISEE_A, mine)).toBe(true);
    expect(isParty(SUPERVISEE_B, mine)).toBe(true);
    expect(isParty(OUTSIDER, mine)).toBe(false);
    expect(isParty('see-c', mine)).toBe(false);
    expect(isParty('', mine)).toBe(false);
  });
});
