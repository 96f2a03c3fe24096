import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES } from '../policy/default-policies.js';
import { SEED_000_SUPERVISION_GRID } from '../policy/supervision-grid.js';
import type { SupervisionPolicy } from '../policy/supervision-policy.js';
import { arrangementSchema, type Party } from './arrangement.js';
import { applyArrangementChanges, arrangementChangesSchema, arrangementInputSchema, isPlanned, newArrangement, type ArrangementInput } from './new-arrangement.js';

const person = (id: string, name: string): Party => ({ id, displayName: name, mail: `${id}@school.example` });
const DANIEL = person('daniel', 'Daniel Okafor');
const HANNAH = person('hannah', 'Hannah Whitcombe');
const SOPHIE = person('sophie', 'Sophie Lindqvist');
const TOM = person('tom', 'Tom Adeyemi');
const GRACE = person('grace', 'Grace Mwangi');
const IDS = { id: 'arr-1', startDate: '2026-12-03' };
const TODAY = '2027-02-10';

const input = (over: Partial<ArrangementInput> & Pick<ArrangementInput, 'supervisorId' | 'supervisorRole' | 'supervisees'>): ArrangementInput => arrangementInputSchema.parse(over);

describe('newArrangement', () => {
  it('takes cadence, duration and maximum gap from the policy for the supervisee role', () => {
    const r = newArrangement(
      input({ supervisorId: 'daniel', supervisorRole: 'dsl', supervisees: [{ id: 'hannah', role: 'deputy-dsl' }] }),
      { supervisor: DANIEL, supervisees: [HANNAH] },
      IDS,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.arrangement).toEqual({
      id: 'arr-1',
      supervisor: { ...DANIEL, role: 'dsl' },
      supervisees: [{ ...HANNAH, role: 'deputy-dsl' }],
      format: 'individual',
      cadence: { kind: 'half-termly' },
      durationMinutes: 60,
      maxGapMonths: 3,
      organiser: 'supervisor',
      teamsMeeting: false,
      preferences: {},
      status: 'active',
      startDate: '2026-12-03',
    });
  });

  it("follows the school's own policies when given (termly, 45 minutes, 2 months)", () => {
    const policies: SupervisionPolicy[] = DEFAULT_POLICIES.map((p) => (p.role === 'deputy-dsl' ? { ...p, cadence: { kind: 'termly' }, durationMinutes: 45, maxGapMonths: 2 } : p));
    const r = newArrangement(
      input({ supervisorId: 'daniel', supervisorRole: 'dsl', supervisees: [{ id: 'hannah', role: 'deputy-dsl' }] }),
      { supervisor: DANIEL, supervisees: [HANNAH] },
      IDS,
      { policies },
    );
    expect(r.ok && r.arrangement).toMatchObject({ cadence: { kind: 'termly' }, durationMinutes: 45, maxGapMonths: 2 });
  });

  it("the admin's values win over the policy", () => {
    const r = newArrangement(
      input({
        supervisorId: 'daniel',
        supervisorRole: 'dsl',
        supervisees: [{ id: 'hannah', role: 'deputy-dsl' }],
        cadence: { kind: 'monthly' },
        durationMinutes: 90,
        maxGapMonths: 2,
        location: ' Room 12 ',
        teamsMeeting: true,
        organiser: 'safeguarding-mailbox',
      }),
      { supervisor: DANIEL, supervisees: [HANNAH] },
      IDS,
    );
    expect(r.ok && r.arrangement).toMatchObject({
      cadence: { kind: 'monthly' },
      durationMinutes: 90,
      maxGapMonths: 2,
      location: 'Room 12',
      teamsMeeting: true,
      organiser: 'safeguarding-mailbox',
    });
  });

  it('a group (several supervisees) is a group of 120 minutes by default (seed 002 §2.2)', () => {
    const r = newArrangement(
      input({
        supervisorId: 'hannah',
        supervisorRole: 'deputy-dsl',
        supervisees: [
          { id: 'sophie', role: 'head-of-year' },
          { id: 'tom', role: 'head-of-year' },
          { id: 'grace', role: 'senco' },
        ],
      }),
      { supervisor: HANNAH, supervisees: [SOPHIE, TOM, GRACE] },
      IDS,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.arrangement.format).toBe('group');
    expect(r.arrangement.durationMinutes).toBe(120);
    expect(r.arrangement.supervisees.map((s) => [s.id, s.role, s.displayName])).toEqual([
      ['sophie', 'head-of-year', 'Sophie Lindqvist'],
      ['tom', 'head-of-year', 'Tom Adeyemi'],
      ['grace', 'senco', 'Grace Mwangi'],
    ]);
  });

  it('a group keeps a duration the admin set, even under 120 minutes', () => {
    const r = newArrangement(
      input({
        supervisorId: 'hannah',
        supervisorRole: 'deputy-dsl',
        durationMinutes: 90,
        supervisees: [
          { id: 'sophie', role: 'head-of-year' },
          { id: 'tom', role: 'head-of-year' },
        ],
      }),
      { supervisor: HANNAH, supervisees: [SOPHIE, TOM] },
      IDS,
    );
    expect(r.ok && r.arrangement.durationMinutes).toBe(90);
  });

  it('refuses a pairing the grid does not allow, naming supervisees[i].role', () => {
    // A head of year may not supervise a deputy DSL (seed 000 grid); the second supervisee is the bad one.
    const r = newArrangement(
      input({
        supervisorId: 'sophie',
        supervisorRole: 'head-of-year',
        supervisees: [
          { id: 'grace', role: 'senco' },
          { id: 'hannah', role: 'deputy-dsl' },
        ],
      }),
      { supervisor: SOPHIE, supervisees: [GRACE, HANNAH] },
      IDS,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.field).toBe('supervisees[1].role');
    expect(r.issues[0]?.message).toMatch(/^Hannah Whitcombe: A head of year may not supervise a deputy DSL\. A deputy DSL may be supervised by the DSL or the principal/);
  });

  it("refuses class teachers under the default grid (row switched off) and allows them under the seed's", () => {
    const args = [
      input({ supervisorId: 'daniel', supervisorRole: 'dsl', supervisees: [{ id: 'tom', role: 'class-teacher' }] }),
      { supervisor: DANIEL, supervisees: [TOM] },
      IDS,
    ] as const;
    const refused = newArrangement(...args);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues[0]).toMatchObject({ field: 'supervisees[0].role', message: expect.stringMatching(/switched off/) });
    expect(newArrangement(...args, { grid: SEED_000_SUPERVISION_GRID }).ok).toBe(true);
  });

  it('refuses self-supervision', () => {
    const r = newArrangement(
      input({ supervisorId: 'daniel', supervisorRole: 'deputy-dsl', supervisees: [{ id: 'daniel', role: 'head-of-year' }] }),
      { supervisor: DANIEL, supervisees: [DANIEL] },
      IDS,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({ field: 'supervisees[0]', message: expect.stringMatching(/cannot supervise themselves/) });
  });

  it('refuses the same supervisee twice', () => {
    const r = newArrangement(
      input({
        supervisorId: 'daniel',
        supervisorRole: 'dsl',
        supervisees: [
          { id: 'hannah', role: 'deputy-dsl' },
          { id: 'hannah', role: 'deputy-dsl' },
        ],
      }),
      { supervisor: DANIEL, supervisees: [HANNAH, HANNAH] },
      IDS,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ field: 'supervisees[1]', message: expect.stringMatching(/listed twice/) });
  });
});

describe('arrangementInputSchema', () => {
  const good = { supervisorId: 'daniel', supervisorRole: 'dsl', supervisees: [{ id: 'hannah', role: 'deputy-dsl' }] };
  const fieldOf = (value: unknown) => {
    const r = arrangementInputSchema.safeParse(value);
    return r.success ? undefined : r.error.issues.map((i) => i.path.join('.'));
  };

  it('fills in organiser, Teams meeting and preferences', () => {
    expect(arrangementInputSchema.parse(good)).toMatchObject({ organiser: 'supervisor', teamsMeeting: false, preferences: {} });
  });

  it('refuses unknown fields, wrong types, a missing supervisee and out-of-range numbers', () => {
    expect(fieldOf({ ...good, colour: 'red' })).toEqual(['']);
    expect(fieldOf({ ...good, supervisees: [{ id: 'hannah', role: 'deputy-dsl', extra: 1 }] })).toEqual(['supervisees.0']);
    expect(fieldOf({ ...good, supervisorId: 7 })).toEqual(['supervisorId']);
    expect(fieldOf({ ...good, supervisorId: '   ' })).toEqual(['supervisorId']);
    expect(fieldOf({ ...good, supervisees: [] })).toEqual(['supervisees']);
    expect(fieldOf({ ...good, supervisees: [{ id: 'x', role: 'janitor' }] })).toEqual(['supervisees.0.role']);
    expect(fieldOf({ ...good, durationMinutes: 10 })).toEqual(['durationMinutes']);
    expect(fieldOf({ ...good, durationMinutes: 60.5 })).toEqual(['durationMinutes']);
    expect(fieldOf({ ...good, durationMinutes: 241 })).toEqual(['durationMinutes']);
    expect(fieldOf({ ...good, supervisees: Array.from({ length: 13 }, (_, i) => ({ id: `p${i}`, role: 'head-of-year' })) })).toEqual(['supervisees']);
    const { supervisorRole: _, ...noRole } = good;
    expect(fieldOf(noRole)).toEqual(['supervisorRole']);
  });

  it('refuses a preference it does not know (a misspelt one would be dropped, and the admin think it set)', () => {
    expect(fieldOf({ ...good, preferences: { day: [1] } })).toEqual(['preferences']);
    expect(arrangementChangesSchema.safeParse({ preferences: { avoidFirstDay: 2 } }).success).toBe(false);
    expect(arrangementChangesSchema.safeParse({ preferences: { avoidFirstDays: 2 } }).success).toBe(true);
  });

  it('changes may not name people', () => {
    expect(arrangementChangesSchema.safeParse({ supervisorId: 'x' }).success).toBe(false);
    expect(arrangementChangesSchema.safeParse({ durationMinutes: 45, status: 'ended' }).success).toBe(true);
  });

  it('an end date is never taken from the request: the server sets it when the arrangement ends', () => {
    expect(arrangementChangesSchema.safeParse({ endDate: '2025-11-20' }).success).toBe(false);
    expect(arrangementChangesSchema.safeParse({ status: 'ended', endDate: '2025-11-20' }).success).toBe(false);
    expect(
      arrangementInputSchema.safeParse({ supervisorId: 'daniel', supervisorRole: 'dsl', supervisees: [{ id: 'hannah', role: 'deputy-dsl' }], endDate: '2025-11-20' }).success,
    ).toBe(false);
  });
});

describe('applyArrangementChanges and isPlanned', () => {
  const made = newArrangement(
    input({ supervisorId: 'daniel', supervisorRole: 'dsl', supervisees: [{ id: 'hannah', role: 'deputy-dsl' }], location: 'Room 1' }),
    { supervisor: DANIEL, supervisees: [HANNAH] },
    IDS,
  );
  if (!made.ok) throw new Error('fixture');
  const a = made.arrangement;

  it('changes only what is given; an empty location removes it', () => {
    const b = applyArrangementChanges(a, { durationMinutes: 45 }, TODAY);
    expect(b).toEqual({ ...a, durationMinutes: 45 });
    expect(applyArrangementChanges(a, { location: '' }, TODAY).location).toBeUndefined();
    expect(applyArrangementChanges(a, { location: 'Room 9' }, TODAY).location).toBe('Room 9');
  });

  it('plans active arrangements with a cadence; not ended or as-required ones', () => {
    expect(isPlanned(a)).toBe(true);
    expect(isPlanned(applyArrangementChanges(a, { status: 'ended' }, TODAY))).toBe(false);
    expect(isPlanned(applyArrangementChanges(a, { cadence: { kind: 'as-required' } }, TODAY))).toBe(false);
  });

  it('ending sets the end date to today; ending again keeps it; making it active again removes it', () => {
    const ended = applyArrangementChanges(a, { status: 'ended' }, TODAY);
    expect(ended).toEqual({ ...a, status: 'ended', endDate: TODAY });
    expect(applyArrangementChanges(ended, { status: 'ended', durationMinutes: 45 }, '2027-03-01').endDate).toBe(TODAY);
    expect(applyArrangementChanges(ended, { durationMinutes: 45 }, '2027-03-01').endDate).toBe(TODAY);
    const again = applyArrangementChanges(ended, { status: 'active' }, '2027-03-01');
    expect(again).toEqual({ ...a, status: 'active' });
    expect('endDate' in again).toBe(false);
  });

  it('an arrangement may carry an end date that exists, and no other', () => {
    expect(arrangementSchema.safeParse({ ...a, status: 'ended', endDate: TODAY }).success).toBe(true);
    expect(arrangementSchema.safeParse({ ...a, status: 'ended', endDate: '2027-02-30' }).success).toBe(false);
    expect(arrangementSchema.safeParse({ ...a, status: 'ended' }).success).toBe(true); // ended before end dates were kept
  });
});
