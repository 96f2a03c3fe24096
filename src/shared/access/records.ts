import type { Arrangement } from '../arrangements/arrangement.js';
import type { IsoInstant } from '../calendar/london-time.js';
import { isGrantActive, type AuditorGrant } from '../records/auditor-grant.js';
import type { RecordKind } from '../records/record.js';
import type { AppRole, Caller } from './app-roles.js';
import { isParty, type Decision } from './authorise.js';

const ALLOW: Decision = { ok: true };
const deny = (reason: string): Decision => ({ ok: false, reason });
const has = (caller: Caller, ...roles: AppRole[]) => roles.some((r) => caller.roles.includes(r));

/** Every operation on records, decision records, contracts and auditor grants (the access matrix). */
export const RECORD_OPERATIONS = ['read', 'write', 'send', 'sign', 'decide', 'confirm-decision', 'read-decisions', 'grant-auditor'] as const;
export type RecordOperation = (typeof RECORD_OPERATIONS)[number];

/** What a rule needs to know about the thing asked for. */
export interface RecordSubject {
  arrangement: Arrangement;
  kind: RecordKind;
  /** Who must sign the version (sign only). */
  signatoryIds?: readonly string[];
}

/** What the rule needs to know about the caller beyond their token: auditor grants they hold. */
export interface AccessContext {
  now: IsoInstant;
  grants: readonly AuditorGrant[];
}

const isSupervisor = (caller: Caller, a: Arrangement) => a.supervisor.id === caller.id;
const hasActiveGrant = (caller: Caller, ctx: AccessContext) =>
  has(caller, 'Safeguarding.Auditor') && ctx.grants.some((g) => g.auditorId === caller.id && isGrantActive(g, ctx.now));

// seed 000 Appendix 6 and seed 001 "Confidentiality and Access": concerns about the supervisee's own welfare
// are seen by the two parties and the DSL only, never oversight or auditors.
const PRIVATE_KINDS: readonly RecordKind[] = ['wellbeing'];

/**
 * Reading records: the supervisee their own, the supervisor their supervisees', the DSL and oversight
 * everyone's (the school is one tenant), an auditor while a grant from the DSL is active (seed 001
 * "Confidentiality and Access"; seed 003 §D "may be subject to inspection and audit").
 */
export function canReadRecord(caller: Caller, s: RecordSubject, ctx: AccessContext): Decision {
  // A wellbeing record is about one supervisee; in a group its "two parties" are unknown, so only the
  // supervisor and the DSL (seed 000 Appendix 6). Such records are no longer started; older ones stay private.
  if (PRIVATE_KINDS.includes(s.kind) && s.arrangement.format === 'group') {
    if (isSupervisor(caller, s.arrangement) || has(caller, 'Safeguarding.Lead')) return ALLOW;
    return deny('A wellbeing record written in a group session is seen only by its supervisor and the DSL, not by the rest of the group.');
  }
  if (isParty(caller.id, s.arrangement) || has(caller, 'Safeguarding.Lead')) return ALLOW;
  if (PRIVATE_KINDS.includes(s.kind)) return deny('Records of concerns about a supervisee’s own wellbeing are seen only by the supervisor, the supervisee and the DSL.');
  if (has(caller, 'Safeguarding.Oversight')) return ALLOW;
  if (hasActiveGrant(caller, ctx)) return ALLOW;
  if (has(caller, 'Safeguarding.Auditor'))
    return deny('Your audit access has not been granted or has expired. Ask the designated safeguarding lead to grant it for this inspection.');
  return deny('Only the supervisor, the supervisees, the designated safeguarding lead and oversight can read this record.');
}

/** Writing and sending for signature: the supervisor (seed 000 "Recording": recorded by the supervisor). */
export function canWriteRecord(caller: Caller, s: RecordSubject): Decision {
  if (isSupervisor(caller, s.arrangement)) return ALLOW;
  return deny('Only the supervisor writes the record of a supervision session.');
}

/** Signing or asking for a change: the people the version was sent to (seed 004 Appendix 1 §5: signed by both). */
export function canSignRecord(caller: Caller, s: RecordSubject): Decision {
  if (s.signatoryIds?.includes(caller.id)) return ALLOW;
  return deny('You are not asked to sign this record.');
}

/** Recording a decision about a child: the supervisor of the session (seed 003 Appendix 3). */
export const canRecordDecision = canWriteRecord;

/** Confirming a decision is on the child's case system record: the supervisor or the DSL (seed 002 §4.1 d). */
export function canConfirmDecision(caller: Caller, s: RecordSubject): Decision {
  if (isSupervisor(caller, s.arrangement) || has(caller, 'Safeguarding.Lead')) return ALLOW;
  return deny('Only the supervisor or the designated safeguarding lead can confirm a decision is on the child’s case record.');
}

/** The school's list of decisions and their 24-hour deadlines: the DSL and oversight. */
export function canReadAllDecisions(caller: Caller, ctx: AccessContext): Decision {
  if (has(caller, 'Safeguarding.Lead', 'Safeguarding.Oversight') || hasActiveGrant(caller, ctx)) return ALLOW;
  return deny('Only the designated safeguarding lead and oversight see every decision record.');
}

/** Granting an auditor time-limited read access: the DSL only. */
export function canGrantAuditorAccess(caller: Caller): Decision {
  if (has(caller, 'Safeguarding.Lead')) return ALLOW;
  return deny('Only a designated safeguarding lead can grant an auditor access to records.');
}

/** The pure rule for one operation, for the access matrix and the use cases alike. */
export function decideRecordAccess(op: RecordOperation, caller: Caller, s: RecordSubject, ctx: AccessContext): Decision {
  switch (op) {
    case 'read':
      return canReadRecord(caller, s, ctx);
    case 'write':
    case 'send':
    case 'decide':
      return canWriteRecord(caller, s);
    case 'sign': {
      // Signing answers with the record: a signatory who may not read it (an older group wellbeing record
      // sent to the whole group) may not sign it either.
      const sign = canSignRecord(caller, s);
      return sign.ok ? canReadRecord(caller, s, ctx) : sign;
    }
    case 'confirm-decision':
      return canConfirmDecision(caller, s);
    case 'read-decisions':
      return canReadAllDecisions(caller, ctx);
    case 'grant-auditor':
      return canGrantAuditorAccess(caller);
  }
}
