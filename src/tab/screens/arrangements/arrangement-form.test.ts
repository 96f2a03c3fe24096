import { describe, expect, it } from 'vitest';
import { cadenceText, EMPTY_DRAFT, guessRole, policyDefaults, roleLabel, schoolNameOf, SUPERVISEE_ROLES, SUPERVISOR_ROLES, toArrangementInput } from './arrangement-form.js';

const person = (id: string) => ({ id, displayName: id });

describe('arrangement form helpers', () => {
  it('gives roles readable names', () => {
    expect(roleLabel('deputy-dsl')).toBe('Deputy DSL');
    expect(roleLabel('dsl')).toBe('DSL');
    expect(roleLabel('line-manager')).toBe('Line manager');
    expect(roleLabel('senco')).toBe('SENCO or SEN lead');
    expect(roleLabel('mystery')).toBe('mystery');
  });

  it('guesses a role from a job title, only among the allowed', () => {
    expect(guessRole('Head of Year 9', SUPERVISOR_ROLES)).toBe('head-of-year');
    expect(guessRole('Deputy Designated Safeguarding Lead', SUPERVISEE_ROLES)).toBe('deputy-dsl');
    expect(guessRole('Designated Safeguarding Lead', SUPERVISOR_ROLES)).toBe('dsl');
    expect(guessRole('Teaching Assistant', SUPERVISEE_ROLES)).toBe('teaching-assistant');
    expect(guessRole('Teaching Assistant', SUPERVISOR_ROLES)).toBe('');
    expect(guessRole('Principal', SUPERVISOR_ROLES)).toBe('principal');
    expect(guessRole('Safeguarding Administrator', SUPERVISOR_ROLES)).toBe('');
    expect(guessRole(undefined, SUPERVISOR_ROLES)).toBe('');
  });

  it('shows the policy defaults, 2 hours for a group', () => {
    expect(policyDefaults('deputy-dsl', 1)).toEqual({ cadence: 'Once each half term', durationMinutes: 60, maxGapMonths: 3 });
    expect(policyDefaults('head-of-year', 3)?.durationMinutes).toBe(120);
    expect(policyDefaults('', 1)).toBeNull();
    expect(cadenceText({ kind: 'every-n-weeks', weeks: 6 })).toBe('Every 6 weeks');
  });

  it('names every missing choice with the server field path', () => {
    const result = toArrangementInput({ ...EMPTY_DRAFT, supervisees: [{ key: 0, person: null, role: '' }], duration: '10', cadence: 'every-n-weeks' });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => i.field)).toEqual([
      'supervisorId',
      'supervisorRole',
      'supervisees[0].id',
      'supervisees[0].role',
      'durationMinutes',
      'cadence.weeks',
    ]);
  });

  it('sends only what was filled in, so the server applies the policy defaults', () => {
    const result = toArrangementInput({
      ...EMPTY_DRAFT,
      supervisor: person('marcus'),
      supervisorRole: 'deputy-dsl',
      supervisees: [{ key: 0, person: person('liam'), role: 'teaching-assistant' }],
      days: [4, 2],
      location: ' Room 12 ',
    });
    expect(result).toEqual({
      ok: true,
      input: {
        supervisorId: 'marcus',
        supervisorRole: 'deputy-dsl',
        supervisees: [{ id: 'liam', role: 'teaching-assistant' }],
        organiser: 'supervisor',
        teamsMeeting: false,
        location: 'Room 12',
        preferences: { days: [2, 4] },
      },
    });
  });

  it('sends a chosen cadence, duration and gap', () => {
    const result = toArrangementInput({
      ...EMPTY_DRAFT,
      supervisor: person('a'),
      supervisorRole: 'dsl',
      supervisees: [{ key: 0, person: person('b'), role: 'deputy-dsl' }],
      cadence: 'every-n-weeks',
      weeks: '6',
      duration: '90',
      maxGap: '2',
    });
    expect(result.ok && result.input).toMatchObject({ cadence: { kind: 'every-n-weeks', weeks: 6 }, durationMinutes: 90, maxGapMonths: 2 });
  });

  it('sends the school chosen, and asks for one when the trust has several', () => {
    const draft = { ...EMPTY_DRAFT, supervisor: person('a'), supervisorRole: 'dsl', supervisees: [{ key: 0, person: person('b'), role: 'deputy-dsl' }] };
    expect(toArrangementInput(draft).ok).toBe(true);
    const missing = toArrangementInput(draft, { schoolRequired: true });
    expect(missing.ok ? [] : missing.issues).toEqual([{ field: 'schoolId', message: 'Choose the school the arrangement belongs to.' }]);
    const chosen = toArrangementInput({ ...draft, schoolId: 'riverside-primary' }, { schoolRequired: true });
    expect(chosen.ok && chosen.input.schoolId).toBe('riverside-primary');
  });

  it("names an arrangement's school, or the first for one with none", () => {
    const schools = [
      { id: 'oakfield-academy', name: 'Oakfield Academy' },
      { id: 'riverside-primary', name: 'Riverside Primary' },
    ];
    expect(schoolNameOf('riverside-primary', schools)).toBe('Riverside Primary');
    expect(schoolNameOf(undefined, schools)).toBe('Oakfield Academy');
    expect(schoolNameOf('gone', schools)).toBe('Oakfield Academy');
    expect(schoolNameOf(undefined, [])).toBe('');
  });
});
