import type { Caller } from '../../shared/access/app-roles.js';
import { describeWrites, schoolWrites, storedAsWanted, type SchoolWrite } from '../../shared/schools/school-writes.js';
import { blockedRemovalMessage, blockedRemovals, canSetSchools, validateSchools, type SchoolEntry, type SchoolInput } from '../../shared/schools/schools.js';
import { audited } from '../audit/audited.js';
import type { Stored } from '../ports.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';
import { schoolsView, type SchoolsDeps, type SchoolsView } from './list-schools.js';
import { savedSchools } from './trust-schools.js';

/**
 * Sets the trust's schools: the whole list, in order (add, rename, remove, reorder). Only the safeguarding
 * admin. A school that still has arrangements cannot be removed (409, naming how many); a save over
 * someone else's is refused (409). Nothing is saved unless everything is right; a write that fails part-way
 * is answered 409 `partly_saved`, naming what was saved and what was not.
 */
export async function saveSchools(deps: SchoolsDeps, input: { caller: Caller; schools: readonly SchoolInput[]; version: string }): Promise<Outcome<SchoolsView>> {
  const { caller } = input;
  const allowed = canSetSchools(caller);
  if (!allowed.ok) return audited(deps.audit, caller, 'schools.save', 'schools', refuse('forbidden', 'forbidden', allowed.reason));
  const current = await savedSchools(deps.schools);
  const checked = validateSchools(input.schools, new Set(current.entries.map((e) => e.value.id)));
  if (!checked.ok) return audited(deps.audit, caller, 'schools.save', 'schools', invalid(checked.issues));
  if (current.version !== input.version) return audited(deps.audit, caller, 'schools.save', 'schools', versionConflict());
  const next = checked.value;
  const arrangements = (await deps.arrangements.list()).map((a) => a.value);
  const blocked = blockedRemovals(current.schools, next, arrangements);
  if (blocked.length > 0)
    return audited(deps.audit, caller, 'schools.save', 'schools', refuse('conflict', 'school_has_arrangements', blockedRemovalMessage(blocked), { field: 'schools' }));

  // Every check is made before anything is written; then one write per school (SharePoint has no transaction,
  // and `$batch` is not one either), in the order that is safe to stop in.
  const writes = schoolWrites(
    current.entries.map((e) => e.value),
    next,
  );
  const count = (kind: SchoolWrite['kind']) => writes.filter((w) => w.kind === kind).length;
  const summary = (v: SchoolsView) => `${v.schools.length} schools; ${count('add')} added, ${count('change')} changed, ${count('remove')} removed`;
  const failure = await write(deps, current.entries, writes);
  if (!failure) return audited(deps.audit, caller, 'schools.save', 'schools', done(await schoolsView(deps, await savedSchools(deps.schools))), summary);

  // A write failed: read back what is stored (a write whose answer was lost may have been made; if the read
  // fails too, the writes that answered). None of this save stored: the error is passed on, and the same save
  // can be sent again (the version is unchanged). All of it: saved. Only part: the admin is told which.
  const after = await savedSchools(deps.schools).catch(() => undefined);
  const storedNow = new Map(after?.entries.map((e) => [e.value.id, e.value]));
  const saved = after ? writes.filter((w) => storedAsWanted(w, storedNow.get(w.want.id))) : writes.slice(0, failure.written);
  if (after && saved.length === writes.length) return audited(deps.audit, caller, 'schools.save', 'schools', done(await schoolsView(deps, after)), summary);
  if (saved.length === 0) {
    if ('error' in failure) throw failure.error;
    return audited(deps.audit, caller, 'schools.save', 'schools', versionConflict());
  }
  const why = 'taken' in failure ? `someone else added a school with the id of ‘${failure.taken.name}’ at the same moment` : 'Microsoft 365 stopped answering part-way';
  const notSaved = writes.filter((w) => !saved.includes(w));
  return audited(
    deps.audit,
    caller,
    'schools.save',
    'schools',
    refuse(
      'conflict',
      'partly_saved',
      `Only part of your change to the trust’s schools was saved: ${why}. Saved: ${describeWrites(saved)}. Not saved: ${describeWrites(notSaved)}. Reload the schools, check them and save the rest again.`,
      { field: 'version' },
    ),
  );
}

type Failure = { written: number } & ({ error: unknown } | { taken: SchoolWrite['want'] });

/** Makes the writes in order, stopping at the first that fails or whose create found someone else's school. */
async function write(deps: SchoolsDeps, entries: readonly Stored<SchoolEntry>[], writes: readonly SchoolWrite[]): Promise<Failure | undefined> {
  const stored = new Map(entries.map((e) => [e.value.id, e]));
  for (const [written, w] of writes.entries()) {
    try {
      if (w.kind === 'add') {
        // A create finds an item made meanwhile by its key and returns it: then it is someone else's school.
        if (!storedAsWanted(w, (await deps.schools.create(w.want)).value)) return { written, taken: w.want };
      } else await deps.schools.update(stored.get(w.was.id) as Stored<SchoolEntry>, w.want);
    } catch (error) {
      return { written, error };
    }
  }
  return undefined;
}

function versionConflict() {
  return refuse('conflict', 'version_conflict', 'Someone else changed the trust’s schools since you opened them. Reload them, make your change again and save.', {
    field: 'version',
  });
}
