import type { Caller } from '../../shared/access/app-roles.js';
import { blockedRemovalMessage, blockedRemovals, canSetSchools, validateSchools, type SchoolEntry, type SchoolInput } from '../../shared/schools/schools.js';
import { audited } from '../audit/audited.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';
import { schoolsView, type SchoolsDeps, type SchoolsView } from './list-schools.js';
import { savedSchools } from './trust-schools.js';

/**
 * Sets the trust's schools: the whole list, in order (add, rename, remove, reorder). Only the safeguarding
 * admin. A school that still has arrangements cannot be removed (409, naming how many); a save over
 * someone else's is refused (409). Nothing is saved unless everything is right.
 */
export async function saveSchools(deps: SchoolsDeps, input: { caller: Caller; schools: readonly SchoolInput[]; version: string }): Promise<Outcome<SchoolsView>> {
  const { caller } = input;
  const allowed = canSetSchools(caller);
  if (!allowed.ok) return audited(deps.audit, caller, 'schools.save', 'schools', refuse('forbidden', 'forbidden', allowed.reason));
  const current = await savedSchools(deps.schools);
  const checked = validateSchools(input.schools, new Set(current.entries.map((e) => e.value.id)));
  if (!checked.ok) return audited(deps.audit, caller, 'schools.save', 'schools', invalid(checked.issues));
  if (current.version !== input.version)
    return audited(
      deps.audit,
      caller,
      'schools.save',
      'schools',
      refuse('conflict', 'version_conflict', 'Someone else changed the trust’s schools since you opened them. Reload them, make your change again and save.', {
        field: 'version',
      }),
    );
  const next = checked.value;
  const arrangements = (await deps.arrangements.list()).map((a) => a.value);
  const blocked = blockedRemovals(current.schools, next, arrangements);
  if (blocked.length > 0)
    return audited(deps.audit, caller, 'schools.save', 'schools', refuse('conflict', 'school_has_arrangements', blockedRemovalMessage(blocked), { field: 'schools' }));

  // Renames and moves first, then new schools, then removals: a failure part-way leaves no arrangement without its school.
  const byId = new Map(current.entries.map((e) => [e.value.id, e]));
  let added = 0;
  let changed = 0;
  for (const [position, school] of next.entries()) {
    const want: SchoolEntry = { id: school.id, name: school.name, position, removed: false };
    const stored = byId.get(school.id);
    if (!stored) continue;
    const was = stored.value;
    if (was.name !== want.name || was.position !== want.position || was.removed) {
      await deps.schools.update(stored, want);
      changed++;
    }
  }
  for (const [position, school] of next.entries()) {
    if (byId.has(school.id)) continue;
    await deps.schools.create({ id: school.id, name: school.name, position, removed: false });
    added++;
  }
  const kept = new Set(next.map((s) => s.id));
  let removed = 0;
  for (const e of current.entries) {
    if (e.value.removed || kept.has(e.value.id)) continue;
    await deps.schools.update(e, { ...e.value, removed: true });
    removed++;
  }
  const view = await schoolsView(deps, await savedSchools(deps.schools));
  return audited(deps.audit, caller, 'schools.save', 'schools', done(view), (v) => `${v.schools.length} schools; ${added} added, ${changed} changed, ${removed} removed`);
}
