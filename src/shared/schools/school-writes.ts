import canonicalize from 'canonicalize';
import type { School, SchoolEntry } from './schools.js';

/** One list-item write of a save of the trust's schools: `was` is the stored entry it changes. */
export type SchoolWrite = { kind: 'add'; want: SchoolEntry } | { kind: 'change' | 'remove'; was: SchoolEntry; want: SchoolEntry };

/**
 * The writes that turn the stored entries into `next`, in the order that is safe to stop in: new schools
 * first (an id someone else took meanwhile is found before anything else is written), then renames and
 * moves, then removals (so no arrangement is ever left without its school).
 */
export function schoolWrites(stored: readonly SchoolEntry[], next: readonly School[]): SchoolWrite[] {
  const byId = new Map(stored.map((e) => [e.id, e]));
  const wanted = next.map((school, position): SchoolEntry => ({ id: school.id, name: school.name, position, removed: false }));
  const adds: SchoolWrite[] = wanted.filter((want) => !byId.has(want.id)).map((want) => ({ kind: 'add', want }));
  const changes: SchoolWrite[] = [];
  for (const want of wanted) {
    const was = byId.get(want.id);
    if (was && (was.name !== want.name || was.position !== want.position || was.removed)) changes.push({ kind: 'change', was, want });
  }
  const kept = new Set(wanted.map((w) => w.id));
  const removals: SchoolWrite[] = stored.filter((e) => !e.removed && !kept.has(e.id)).map((was) => ({ kind: 'remove', was, want: { ...was, removed: true } }));
  return [...adds, ...changes, ...removals];
}

/** Whether `entry` is what the write wanted stored (a create that found someone else's school is not). */
export function storedAsWanted(write: SchoolWrite, entry: SchoolEntry | undefined): boolean {
  return entry !== undefined && canonicalize(entry) === canonicalize(write.want);
}

/** The writes as the admin reads them: "adding ‘Riverside’; renaming ‘Oak’ to ‘Oakfield’", at most eight, then "and N more". */
export function describeWrites(writes: readonly SchoolWrite[]): string {
  const shown = writes.slice(0, 8).map((w) => {
    if (w.kind === 'add') return `adding ‘${w.want.name}’`;
    if (w.kind === 'remove') return `removing ‘${w.was.name}’`;
    if (w.was.name !== w.want.name) return `renaming ‘${w.was.name}’ to ‘${w.want.name}’`;
    return w.was.removed ? `restoring ‘${w.want.name}’` : `moving ‘${w.want.name}’`;
  });
  return writes.length > shown.length ? `${shown.join('; ')} and ${writes.length - shown.length} more` : shown.join('; ');
}
