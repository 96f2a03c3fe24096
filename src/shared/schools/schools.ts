import type { Caller } from '../access/app-roles.js';
import type { Decision } from '../access/authorise.js';
import type { Arrangement } from '../arrangements/arrangement.js';
import type { Validated, ValidationIssue } from '../calendar/validation-issue.js';

// A trust's schools: each arrangement belongs to one, the compliance dashboard and the evidence pack can be
// read for one school or the whole trust. The safeguarding admin sets the list. Pure: no I/O, no clock, and no
// zod here, so the tab can check a list before it is sent (the stored shape's schema is in school-schema.ts).

/** A school of the trust. */
export interface School {
  /** A short slug ('oakfield-academy') or a uuid; fixed once made (a rename keeps it). */
  id: string;
  name: string;
}

/**
 * The one implicit school while the trust has saved none: every arrangement counts in it, as before
 * schools existed. Its id is what rows, windows and the evidence pack carry.
 */
export const DEFAULT_SCHOOL: Readonly<School> = Object.freeze({ id: 'school', name: 'All staff' });

export const SCHOOL_NAME_MAX = 100;
export const SCHOOL_ID_MAX = 64;
/** More than any trust has; keeps one save bounded. */
export const SCHOOLS_MAX = 200;

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A school id: a short lower-case slug (letters, digits, hyphens) or a uuid. */
export function isSchoolId(value: string): boolean {
  return value.length <= SCHOOL_ID_MAX && (SLUG.test(value) || UUID.test(value));
}

/** A school as stored, one list item each (school-schema.ts reads it back): its place in the trust's order, and whether it was removed (items are never deleted). */
export interface SchoolEntry extends School {
  position: number;
  removed: boolean;
}

/** One school as the admin sends it: a new one has no id yet (the server makes one from its name). */
export interface SchoolInput {
  id?: string | undefined;
  name: string;
}

/** Setting the trust's schools: the safeguarding admin only. */
export function canSetSchools(caller: Caller): Decision {
  if (caller.roles.includes('Safeguarding.Admin')) return { ok: true };
  return { ok: false, reason: 'Only the safeguarding admin can set the trust’s schools.' };
}

/** Reading the trust's schools: the admin, a designated safeguarding lead and oversight. */
export function canReadSchools(caller: Caller): Decision {
  if (caller.roles.some((r) => r === 'Safeguarding.Admin' || r === 'Safeguarding.Lead' || r === 'Safeguarding.Oversight')) return { ok: true };
  return { ok: false, reason: 'Only the safeguarding admin, a designated safeguarding lead or oversight can see the trust’s schools.' };
}

/** A name as compared for uniqueness: trimmed, inner spaces collapsed, case ignored. */
export function nameKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLocaleLowerCase('en-GB');
}

/** 'Riverside Primary' → 'riverside-primary'; a number is added when the slug is taken. */
export function slugFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'school';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Checks the whole list the admin wants: each name 1 to 100 characters (spaces trimmed) and unique
 * ignoring case; each id given well formed and unique. A school without an id gets a slug of its
 * name, unique against the list and `reservedIds` (ids used before, removed schools included).
 * Fields are named as the request names them ('schools[2].name').
 */
export function validateSchools(input: readonly SchoolInput[], reservedIds: ReadonlySet<string> = new Set()): Validated<School[]> {
  const issues: ValidationIssue[] = [];
  if (input.length > SCHOOLS_MAX) return { ok: false, issues: [{ field: 'schools', message: `schools: a trust has at most ${SCHOOLS_MAX} schools here.` }] };
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  input.forEach((s, i) => {
    const name = s.name.replace(/\s+/g, ' ').trim();
    if (name.length === 0) issues.push({ field: `schools[${i}].name`, message: `School ${i + 1}: give the school a name.` });
    else if (name.length > SCHOOL_NAME_MAX) issues.push({ field: `schools[${i}].name`, message: `School ${i + 1}: keep the name to ${SCHOOL_NAME_MAX} characters.` });
    else {
      const seen = names.get(nameKey(name));
      if (seen !== undefined) issues.push({ field: `schools[${i}].name`, message: `School ${i + 1}: “${name}” is already school ${seen + 1}; each school needs its own name.` });
      else names.set(nameKey(name), i);
    }
    if (s.id !== undefined) {
      if (!isSchoolId(s.id)) issues.push({ field: `schools[${i}].id`, message: `School ${i + 1}: the id must be a short slug (a-z, 0-9, hyphens) or a uuid.` });
      else if (ids.has(s.id)) issues.push({ field: `schools[${i}].id`, message: `School ${i + 1}: the id '${s.id}' is used twice.` });
      else ids.set(s.id, i);
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  const taken = new Set<string>([...reservedIds, ...ids.keys()]);
  const value = input.map((s) => {
    const name = s.name.replace(/\s+/g, ' ').trim();
    if (s.id !== undefined) return { id: s.id, name };
    const id = slugFor(name, taken);
    taken.add(id);
    return { id, name };
  });
  return { ok: true, value };
}

/** The schools the trust works with: the saved ones, or the one implicit school while none are saved. */
export function trustSchools(saved: readonly School[]): School[] {
  return saved.length > 0 ? saved.map((s) => ({ id: s.id, name: s.name })) : [{ ...DEFAULT_SCHOOL }];
}

/**
 * The school an arrangement counts in. Its own `schoolId` when that is one of the saved schools;
 * otherwise (no school chosen, made before the trust had schools) the first saved school; and while
 * none are saved, the implicit school 'school'.
 */
export function schoolOfArrangement(a: Pick<Arrangement, 'schoolId'>, saved: readonly School[]): string {
  const first = saved[0];
  if (!first) return DEFAULT_SCHOOL.id;
  return a.schoolId !== undefined && saved.some((s) => s.id === a.schoolId) ? a.schoolId : first.id;
}

/** How many arrangements (active or ended) count in each saved school. */
export function arrangementCounts(arrangements: readonly Pick<Arrangement, 'schoolId'>[], saved: readonly School[]): Map<string, number> {
  const counts = new Map<string, number>(saved.map((s) => [s.id, 0]));
  if (saved.length === 0) return counts;
  for (const a of arrangements) {
    const id = schoolOfArrangement(a, saved);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Schools in `current` that `next` leaves out although arrangements still count in them. */
export function blockedRemovals(
  current: readonly School[],
  next: readonly Pick<School, 'id'>[],
  arrangements: readonly Pick<Arrangement, 'schoolId'>[],
): { school: School; arrangements: number }[] {
  const kept = new Set(next.map((s) => s.id));
  const counts = arrangementCounts(arrangements, current);
  return current.filter((s) => !kept.has(s.id) && (counts.get(s.id) ?? 0) > 0).map((s) => ({ school: s, arrangements: counts.get(s.id) ?? 0 }));
}

/** The reason a removal is refused, naming the school and how many arrangements it still has. */
export function blockedRemovalMessage(blocked: readonly { school: School; arrangements: number }[]): string {
  const each = blocked.map((b) => `${b.school.name} still has ${b.arrangements} ${b.arrangements === 1 ? 'arrangement' : 'arrangements'}`);
  const one = blocked.length === 1;
  return `${each.join('; ')}. Move ${one ? 'them' : 'those arrangements'} to another school (Arrangements → Change) before removing ${one ? 'it' : 'these schools'}. Nothing was saved.`;
}

/** A school an arrangement is put in must be one of the trust's schools (the implicit one while none are saved). */
export function checkArrangementSchool(schoolId: string | undefined, saved: readonly School[]): ValidationIssue[] {
  if (schoolId === undefined) return [];
  const schools = trustSchools(saved);
  if (schools.some((s) => s.id === schoolId)) return [];
  return [
    {
      field: 'schoolId',
      message:
        saved.length > 0
          ? `schoolId: '${schoolId}' is not one of the trust’s schools (${saved.map((s) => `${s.name}: '${s.id}'`).join(', ')}). Choose one of them, or leave it out for the first.`
          : `schoolId: '${schoolId}' is not one of the trust’s schools: none are set up yet, so leave it out (the safeguarding admin sets the schools under School year).`,
    },
  ];
}
