import type { Caller } from '../../shared/access/app-roles.js';
import { canManageSchedule } from '../../shared/access/authorise.js';
import { partiesOf, type Arrangement, type Party } from '../../shared/arrangements/arrangement.js';
import type { ValidationIssue } from '../../shared/calendar/validation-issue.js';
import { applyArrangementChanges, type ArrangementChanges } from '../../shared/arrangements/new-arrangement.js';
import { duplicateOf } from '../../shared/arrangements/duplicate-arrangement.js';
import { arrangementExists } from './create-arrangement.js';
import { instantToLondon } from '../../shared/calendar/london-time.js';
import { audited } from '../audit/audited.js';
import type { AppPorts, DirectoryPort, DirectoryUser } from '../ports.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';
import { arrangementSchoolIssues } from '../schools/arrangement-school.js';

/**
 * Changes how often, how long, where and when an arrangement meets, or ends it (its end date: today in London)
 * or makes it active again (no end date). Booked sessions stay as they are.
 */
export async function updateArrangement(
  deps: Pick<AppPorts, 'arrangements' | 'audit' | 'clock' | 'settings' | 'schools' | 'compliance' | 'directory'>,
  input: { caller: Caller; arrangementId: string; changes: ArrangementChanges },
): Promise<Outcome<Arrangement>> {
  const { caller, arrangementId, changes } = input;
  const allowed = canManageSchedule(caller);
  if (!allowed.ok) return audited(deps.audit, caller, 'arrangement.update', arrangementId, refuse('forbidden', 'forbidden', allowed.reason));
  const stored = await deps.arrangements.get(arrangementId);
  if (!stored)
    return audited(deps.audit, caller, 'arrangement.update', arrangementId, refuse('not-found', 'arrangement_not_found', 'There is no supervision arrangement with that id.'));
  if (changes.organiser === 'safeguarding-mailbox' && !deps.settings.safeguardingMailbox) {
    return audited(
      deps.audit,
      caller,
      'arrangement.update',
      arrangementId,
      invalid([{ field: 'organiser', message: "No safeguarding mailbox is set up for this school (SAFEGUARDING_MAILBOX): book in the supervisor's mailbox instead." }]),
    );
  }
  const schoolIssues = await arrangementSchoolIssues(deps.schools, changes.schoolId);
  if (schoolIssues.length > 0) return audited(deps.audit, caller, 'arrangement.update', arrangementId, invalid(schoolIssues));
  // Ended today (London): the evidence pack requires no window that began after it.
  let next = applyArrangementChanges(stored.value, changes, instantToLondon(deps.clock.now()).date);
  if (next.status === 'active' && stored.value.status !== 'active') {
    // Started again while another arrangement for the same people runs: the same refusal as making one.
    const others = (await deps.compliance.snapshot()).arrangements.map((d) => d.arrangement).filter((a) => a.id !== arrangementId);
    const existing = duplicateOf(others, next);
    if (existing) return audited(deps.audit, caller, 'arrangement.update', arrangementId, arrangementExists(existing));
    // Everyone is looked up again, as when it was made: someone may have left, or changed name or address since.
    const current = await currentParties(deps.directory, next);
    if (!current.ok) return audited(deps.audit, caller, 'arrangement.update', arrangementId, invalid(current.issues));
    next = current.arrangement;
  }
  const saved = await deps.arrangements.update(stored, next);
  return audited(deps.audit, caller, 'arrangement.update', arrangementId, done(saved.value), () => Object.keys(changes).sort().join(','));
}

/** The arrangement with each person's name and address as the directory has them now; anyone gone, or without a mailbox, is an issue. */
async function currentParties(directory: DirectoryPort, a: Arrangement): Promise<{ ok: true; arrangement: Arrangement } | { ok: false; issues: ValidationIssue[] }> {
  const people = partiesOf(a);
  const found = await Promise.all(people.map((p) => directory.getUser(p.id)));
  const issues: ValidationIssue[] = [];
  found.forEach((u, i) => {
    const name = (people[i] as Party).displayName;
    if (!u) issues.push({ field: 'status', message: `${name} is no longer in the school directory, so this arrangement cannot start again: make a new one instead.` });
    else if (!u.mail)
      issues.push({ field: 'status', message: `${u.displayName} has no mailbox, so Outlook cannot invite them: ask IT to give them one, then start the arrangement again.` });
  });
  if (issues.length > 0) return { ok: false, issues };
  const fresh = <P extends Party>(p: P, i: number): P => {
    const u = found[i] as DirectoryUser;
    return { ...p, displayName: u.displayName, mail: u.mail as string };
  };
  return { ok: true, arrangement: { ...a, supervisor: fresh(a.supervisor, 0), supervisees: a.supervisees.map((s, i) => fresh(s, i + 1)) } };
}
