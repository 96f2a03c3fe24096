import { describe, expect, it } from 'vitest';
import { checkRows, movedUp, newNameProblem, removalProblem, rowNote, rowsOf, toSchoolInputs, type SchoolRow } from './trust-schools-form.js';

const rows: SchoolRow[] = [
  { key: 0, id: 'oakfield-academy', name: 'Oakfield Academy', arrangements: 3 },
  { key: 1, id: 'riverside-primary', name: 'Riverside Primary', arrangements: 0 },
  { key: 2, name: 'Hillcrest Infants', arrangements: 0 },
];

describe('trust schools form', () => {
  it('reads the server’s view and sends ids only for saved schools', () => {
    const view = { schools: [{ id: 'a', name: 'A', arrangements: 2 }], source: 'saved' as const, defaultSchool: { id: 'school', name: 'All staff' }, version: 'v' };
    expect(rowsOf(view)).toEqual([{ key: 0, id: 'a', name: 'A', arrangements: 2 }]);
    expect(toSchoolInputs(rows)).toEqual([
      { id: 'oakfield-academy', name: 'Oakfield Academy' },
      { id: 'riverside-primary', name: 'Riverside Primary' },
      { name: 'Hillcrest Infants' },
    ]);
  });

  it('checks names as the server does, naming the field', () => {
    expect(checkRows(rows)).toEqual([]);
    expect(checkRows([...rows, { key: 3, name: ' oakfield academy', arrangements: 0 }])).toEqual([
      { field: 'schools[3].name', message: expect.stringMatching(/already school 1/) },
    ]);
    expect(checkRows([{ key: 0, name: '', arrangements: 0 }]).map((i) => i.field)).toEqual(['schools[0].name']);
  });

  it('says why a new name cannot be added', () => {
    expect(newNameProblem('  ', rows)).toMatch(/Type the new school’s name/);
    expect(newNameProblem('RIVERSIDE primary', rows)).toMatch(/already in the list/);
    expect(newNameProblem('x'.repeat(101), rows)).toMatch(/100 characters/);
    expect(newNameProblem('Meadow Vale School', rows)).toBeNull();
  });

  it('refuses to remove a school that still has arrangements, naming how many', () => {
    expect(removalProblem(rows[0] as SchoolRow)).toBe('Oakfield Academy still has 3 arrangements: move them to another school (Arrangements → Change) before removing it.');
    expect(removalProblem(rows[1] as SchoolRow)).toBeNull();
    expect(rowNote(rows[0] as SchoolRow)).toBe('3 arrangements');
    expect(rowNote(rows[2] as SchoolRow)).toBe('New: not saved yet');
  });

  it('moves a school up', () => {
    expect(movedUp(['a', 'b', 'c'], 2)).toEqual(['a', 'c', 'b']);
    expect(movedUp(['a', 'b'], 0)).toEqual(['a', 'b']);
  });
});
