import { createHash } from 'node:crypto';
import type { School, SchoolEntry } from '../../shared/schools/schools.js';
import type { SchoolRepository, Stored } from '../ports.js';

/** The trust's schools as stored now: every item (removed ones too), the schools in order, and the list's version. */
export interface SavedSchools {
  entries: Stored<SchoolEntry>[];
  /** The schools not removed, in the trust's order; empty while none are saved. */
  schools: School[];
  /** Pass back to saveSchools so a save never overwrites someone else's: 'none' before any school was ever saved. */
  version: string;
}

/** A short opaque tag over every item's id and eTag: it changes whenever any school is added, renamed or removed. */
export function schoolsVersion(entries: readonly Stored<SchoolEntry>[]): string {
  if (entries.length === 0) return 'none';
  const parts = entries
    .map((e) => {
      const v = JSON.parse(e.version) as { id?: string; eTag?: string };
      return `${v.id ?? e.value.id}:${v.eTag ?? ''}`;
    })
    .sort();
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 20);
}

export async function savedSchools(repo: SchoolRepository): Promise<SavedSchools> {
  const entries = await repo.list();
  const schools = entries
    .filter((e) => !e.value.removed)
    .sort((a, b) => a.value.position - b.value.position || (a.value.id < b.value.id ? -1 : 1))
    .map((e) => ({ id: e.value.id, name: e.value.name }));
  return { entries, schools, version: schoolsVersion(entries) };
}

/** The saved schools in order (empty while none are), or none at all when the caller has no school repository. */
export async function schoolsOf(repo: SchoolRepository | undefined): Promise<School[]> {
  return repo ? (await savedSchools(repo)).schools : [];
}
