// The pure parts of the Trust schools panel: the rows being edited, the checks made before saving (the
// same rules as the server's, src/shared/schools), and the body sent.
import type { SchoolInput, TrustSchools } from '../../api/operations/schools.js';
import type { FieldIssue } from '../../forms/field-issues.js';
import { nameKey, SCHOOL_NAME_MAX, validateSchools } from '../../../shared/schools/schools.js';

export interface SchoolRow {
  /** For React only. */
  readonly key: number;
  /** Absent for a school added here and not saved yet. */
  readonly id?: string | undefined;
  readonly name: string;
  /** Arrangements that count in it when it was loaded. */
  readonly arrangements: number;
}

export function rowsOf(view: TrustSchools): SchoolRow[] {
  return view.schools.map((s, i) => ({ key: i, id: s.id, name: s.name, arrangements: s.arrangements }));
}

/** The saveSchools body for the rows, in order. */
export function toSchoolInputs(rows: readonly SchoolRow[]): SchoolInput[] {
  return rows.map((r) => (r.id ? { id: r.id, name: r.name } : { name: r.name }));
}

/** Problems to fix before saving, named as the server names them ('schools[1].name'). */
export function checkRows(rows: readonly SchoolRow[]): FieldIssue[] {
  const checked = validateSchools(toSchoolInputs(rows));
  return checked.ok ? [] : checked.issues.filter((i) => i.field.endsWith('.name'));
}

/** Why a new school's name cannot be added to the list, or null when it can. */
export function newNameProblem(name: string, rows: readonly SchoolRow[]): string | null {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  if (!trimmed) return 'Type the new school’s name.';
  if (trimmed.length > SCHOOL_NAME_MAX) return `Keep the name to ${SCHOOL_NAME_MAX} characters.`;
  if (rows.some((r) => nameKey(r.name) === nameKey(trimmed))) return `“${trimmed}” is already in the list; each school needs its own name.`;
  return null;
}

/** Why a school cannot be removed yet (arrangements still count in it), or null. The server checks again on save. */
export function removalProblem(row: SchoolRow): string | null {
  if (row.arrangements === 0) return null;
  const n = row.arrangements;
  return `${row.name || 'This school'} still has ${n} ${n === 1 ? 'arrangement' : 'arrangements'}: move ${n === 1 ? 'it' : 'them'} to another school (Arrangements → Change) before removing it.`;
}

/** '3 arrangements', 'No arrangements', 'New' for a row. */
export function rowNote(row: SchoolRow): string {
  if (!row.id) return 'New: not saved yet';
  return row.arrangements === 0 ? 'No arrangements' : `${row.arrangements} ${row.arrangements === 1 ? 'arrangement' : 'arrangements'}`;
}

/** Swaps a row with the one above it. */
export function movedUp<T>(rows: readonly T[], index: number): T[] {
  if (index <= 0 || index >= rows.length) return [...rows];
  const out = [...rows];
  [out[index - 1], out[index]] = [out[index] as T, out[index - 1] as T];
  return out;
}
