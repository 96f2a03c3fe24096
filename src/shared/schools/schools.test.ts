import { describe, expect, it } from 'vitest';
import {
  arrangementCounts,
  blockedRemovalMessage,
  blockedRemovals,
  canReadSchools,
  canSetSchools,
  checkArrangementSchool,
  DEFAULT_SCHOOL,
  isSchoolId,
  schoolOfArrangement,
  slugFor,
  trustSchools,
  validateSchools,
} from './schools.js';

const OAK = { id: 'oakfield-academy', name: 'Oakfield Academy' };
const RIVER = { id: 'riverside-primary', name: 'Riverside Primary' };

describe('validateSchools', () => {
  it('trims names, keeps the ids given and makes a slug for a new school', () => {
    const out = validateSchools([{ id: OAK.id, name: '  Oakfield   Academy ' }, { name: 'Riverside Primary' }]);
    expect(out).toEqual({ ok: true, value: [OAK, RIVER] });
  });

  it('accepts an empty list (back to the one implicit school)', () => {
    expect(validateSchools([])).toEqual({ ok: true, value: [] });
  });

  it('refuses an empty name and one over 100 characters, naming the field', () => {
    const out = validateSchools([{ name: '   ' }, { name: 'x'.repeat(101) }, { name: 'y'.repeat(100) }]);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues.map((i) => i.field)).toEqual(['schools[0].name', 'schools[1].name']);
    expect(out.issues[0]?.message).toMatch(/give the school a name/);
    expect(out.issues[1]?.message).toMatch(/100 characters/);
  });

  it('refuses the same name twice, ignoring case and spacing', () => {
    const out = validateSchools([{ name: 'Oakfield Academy' }, { name: 'oakfield  ACADEMY' }]);
    expect(out).toEqual({ ok: false, issues: [{ field: 'schools[1].name', message: expect.stringMatching(/already school 1/) }] });
  });

  it('refuses ids that are not slugs or uuids, and an id used twice', () => {
    const out = validateSchools([
      { id: 'Not A Slug', name: 'A' },
      { id: 'b', name: 'B' },
      { id: 'b', name: 'C' },
      { id: '3f1c2a4e-9b7d-4c1e-8a2b-0c9d8e7f6a5b', name: 'D' },
    ]);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues.map((i) => i.field)).toEqual(['schools[0].id', 'schools[2].id']);
  });

  it('never gives a new school an id already used, removed schools included', () => {
    const out = validateSchools([{ id: 'riverside-primary-2', name: 'Riverside Primary (juniors)' }, { name: 'Riverside Primary' }], new Set(['riverside-primary']));
    expect(out.ok && out.value.map((s) => s.id)).toEqual(['riverside-primary-2', 'riverside-primary-3']);
  });

  it('refuses more than 200 schools', () => {
    const out = validateSchools(Array.from({ length: 201 }, (_, i) => ({ name: `School ${i}` })));
    expect(out.ok).toBe(false);
  });
});

describe('ids', () => {
  it('slugs names, dropping accents and punctuation', () => {
    expect(slugFor('St. Mary’s C of E Primary', new Set())).toBe('st-mary-s-c-of-e-primary');
    expect(slugFor('École Saint-Éloi', new Set())).toBe('ecole-saint-eloi');
    expect(slugFor('!!!', new Set())).toBe('school');
    expect(slugFor('Oakfield', new Set(['oakfield', 'oakfield-2']))).toBe('oakfield-3');
    expect(isSchoolId(slugFor('x'.repeat(300), new Set()))).toBe(true);
  });

  it('knows a school id', () => {
    expect(isSchoolId('school')).toBe(true);
    expect(isSchoolId('oakfield-academy')).toBe(true);
    expect(isSchoolId('-oak')).toBe(false);
    expect(isSchoolId('Oak')).toBe(false);
    expect(isSchoolId('3F1C2A4E-9B7D-4C1E-8A2B-0C9D8E7F6A5B')).toBe(true);
  });
});

describe('which school an arrangement counts in', () => {
  it('the implicit school while none are saved', () => {
    expect(trustSchools([])).toEqual([DEFAULT_SCHOOL]);
    expect(schoolOfArrangement({}, [])).toBe('school');
    expect(schoolOfArrangement({ schoolId: OAK.id }, [])).toBe('school');
  });

  it('its own school, or the first when it names none or one no longer listed', () => {
    expect(trustSchools([OAK, RIVER])).toEqual([OAK, RIVER]);
    expect(schoolOfArrangement({ schoolId: RIVER.id }, [OAK, RIVER])).toBe(RIVER.id);
    expect(schoolOfArrangement({}, [OAK, RIVER])).toBe(OAK.id);
    expect(schoolOfArrangement({ schoolId: 'gone' }, [OAK, RIVER])).toBe(OAK.id);
  });

  it('counts arrangements per school', () => {
    const counts = arrangementCounts([{ schoolId: RIVER.id }, {}, { schoolId: RIVER.id }, { schoolId: OAK.id }], [OAK, RIVER]);
    expect(Object.fromEntries(counts)).toEqual({ [OAK.id]: 2, [RIVER.id]: 2 });
    expect(arrangementCounts([{}], []).size).toBe(0);
  });
});

describe('removing a school', () => {
  it('is refused while arrangements count in it, naming how many', () => {
    const arrangements = [{ schoolId: RIVER.id }, { schoolId: RIVER.id }, { schoolId: RIVER.id }, { schoolId: OAK.id }];
    const blocked = blockedRemovals([OAK, RIVER], [OAK], arrangements);
    expect(blocked).toEqual([{ school: RIVER, arrangements: 3 }]);
    expect(blockedRemovalMessage(blocked)).toMatch(/^Riverside Primary still has 3 arrangements\. Move them to another school/);
    expect(blockedRemovals([OAK, RIVER], [OAK, RIVER], arrangements)).toEqual([]);
    // An arrangement with no school counts in the first: removing the first is refused too.
    expect(blockedRemovals([OAK, RIVER], [RIVER], [{}])).toEqual([{ school: OAK, arrangements: 1 }]);
    expect(blockedRemovalMessage([{ school: OAK, arrangements: 1 }])).toMatch(/Oakfield Academy still has 1 arrangement\./);
  });

  it('is allowed for a school with none', () => {
    expect(blockedRemovals([OAK, RIVER], [OAK], [{ schoolId: OAK.id }])).toEqual([]);
    expect(blockedRemovals([], [], [{}])).toEqual([]);
  });
});

describe("an arrangement's school", () => {
  it('must be one of the trust’s schools', () => {
    expect(checkArrangementSchool(undefined, [OAK])).toEqual([]);
    expect(checkArrangementSchool(RIVER.id, [OAK, RIVER])).toEqual([]);
    expect(checkArrangementSchool('elsewhere', [OAK, RIVER])).toEqual([{ field: 'schoolId', message: expect.stringMatching(/'elsewhere' is not one of the trust’s schools/) }]);
    // While none are saved only the implicit school is.
    expect(checkArrangementSchool('school', [])).toEqual([]);
    expect(checkArrangementSchool(OAK.id, [])).toEqual([{ field: 'schoolId', message: expect.stringMatching(/none are set up yet/) }]);
  });
});

describe('who may', () => {
  it('set the schools: the admin only; read them: admin, lead, oversight', () => {
    const as = (...roles: ('Safeguarding.Admin' | 'Safeguarding.Lead' | 'Safeguarding.Oversight' | 'Safeguarding.Auditor')[]) => ({ id: 'x', roles });
    expect(canSetSchools(as('Safeguarding.Admin')).ok).toBe(true);
    for (const c of [as('Safeguarding.Lead'), as('Safeguarding.Oversight'), as('Safeguarding.Auditor'), as()]) expect(canSetSchools(c).ok).toBe(false);
    for (const c of [as('Safeguarding.Admin'), as('Safeguarding.Lead'), as('Safeguarding.Oversight')]) expect(canReadSchools(c).ok).toBe(true);
    for (const c of [as('Safeguarding.Auditor'), as()]) expect(canReadSchools(c).ok).toBe(false);
  });
});
