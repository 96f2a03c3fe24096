import { randomUUID } from 'node:crypto';
import type { Caller } from '../../shared/access/app-roles.js';
import { canManageSchedule } from '../../shared/access/authorise.js';
import { describeArrangement, type Arrangement } from '../../shared/arrangements/arrangement.js';
import { duplicateOf } from '../../shared/arrangements/duplicate-arrangement.js';
import { newArrangement, type ArrangementInput } from '../../shared/arrangements/new-arrangement.js';
import { instantToLondon } from '../../shared/calendar/london-time.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { done, invalid, refuse, type Outcome, type Refusal } from '../use-case.js';
import { findParties } from './find-parties.js';
import { arrangementSchoolIssues } from '../schools/arrangement-school.js';

/** Makes a supervision arrangement; a pairing the school's supervision grid does not allow is refused with the reason. */
export async function createArrangement(
  deps: Pick<AppPorts, 'arrangements' | 'directory' | 'audit' | 'clock' | 'settings' | 'schools' | 'compliance'>,
  input: { caller: Caller; arrangement: ArrangementInput },
): Promise<Outcome<Arrangement>> {
  const { caller, arrangement: wanted } = input;
  const allowed = canManageSchedule(caller);
  if (!allowed.ok) return audited(deps.audit, caller, 'arrangement.create', '-', refuse('forbidden', 'forbidden', allowed.reason));
  if (wanted.organiser === 'safeguarding-mailbox' && !deps.settings.safeguardingMailbox) {
    return audited(
      deps.audit,
      caller,
      'arrangement.create',
      '-',
      invalid([{ field: 'organiser', message: "No safeguarding mailbox is set up for this school (SAFEGUARDING_MAILBOX): book in the supervisor's mailbox instead." }]),
    );
  }
  const schoolIssues = await arrangementSchoolIssues(deps.schools, wanted.schoolId);
  if (schoolIssues.length > 0) return audited(deps.audit, caller, 'arrangement.create', '-', invalid(schoolIssues));
  const { people, issues } = await findParties(deps.directory, [
    { id: wanted.supervisorId, field: 'supervisorId' },
    ...wanted.supervisees.map((s, i) => ({ id: s.id, field: `supervisees[${i}].id` })),
  ]);
  if (issues.length > 0) return audited(deps.audit, caller, 'arrangement.create', '-', invalid(issues));
  const [supervisor, ...supervisees] = people as [(typeof people)[number], ...typeof people];
  const id = randomUUID();
  const made = newArrangement(wanted, { supervisor, supervisees }, { id, startDate: instantToLondon(deps.clock.now()).date });
  if (!made.ok) return audited(deps.audit, caller, 'arrangement.create', id, invalid(made.issues));
  // From the read model (in memory, kept current by every write): no list read for each arrangement made.
  const existing = duplicateOf(
    (await deps.compliance.snapshot()).arrangements.map((d) => d.arrangement),
    made.arrangement,
  );
  if (existing) return audited(deps.audit, caller, 'arrangement.create', existing.id, arrangementExists(existing));
  const stored = await deps.arrangements.create(made.arrangement);
  return audited(deps.audit, caller, 'arrangement.create', id, done(stored.value), (a) => `${a.format}, ${a.supervisees.length} supervisee(s)`);
}

/** The refusal for a second arrangement of the same people: it would book every session twice. */
export function arrangementExists(existing: Arrangement): { ok: false; refusal: Refusal } {
  return refuse(
    'conflict',
    'arrangement_exists',
    `${describeArrangement(existing)} is already an arrangement (${existing.format}). Change that one instead: a second would book every session twice.`,
  );
}
