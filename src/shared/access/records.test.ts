import { describe, expect, it } from 'vitest';
import { testArrangement } from '../arrangements/test-arrangement.js';
import type { Arrangement } from '../arrangements/arrangement.js';
import type { AuditorGrant } from '../records/auditor-grant.js';
import type { RecordKind } from '../records/record.js';
import type { AppRole, Caller } from './app-roles.js';
import { canReadRecord, decideRecordAccess, RECORD_OPERATIONS, type AccessContext, type RecordOperation, type RecordSubject } from './records.js';

const SUPERVISOR = 'sup-1';
const SUPERVISEE = 'see-a';
const OUTSIDER = 'outsider';
const NOW = '2026-06-16T09:00:00Z';

const arrangement: Arrangement = testArrangement({
  id: 'arr-1',
  supervisor: { id: SUPERVISOR, displayName: 'Sam Supervisor', mail: 'sam@school.example', role: 'dsl' },
  supervisees: [{ id: SUPERVISEE, displayName: 'Alex A', mail: 'alex@school.example', role: 'head-of-year' }],
  startDate: '2026-09-01',
});

const grant = (auditorId: string, over: Partial<AuditorGrant> = {}): AuditorGrant => ({
  id: `g-${auditorId}`,
  auditorId,
  auditorName: 'Ida Inspector',
  grantedById: 'dsl-1',
  grantedAt: '2026-06-10T09:00:00Z',
  expiresAt: '2026-06-20T09:00:00Z',
  purpose: 'Ofsted inspection',
  ...over,
});

type Standing = 'none' | 'admin' | 'lead' | 'oversight' | 'auditor-active' | 'auditor-expired' | 'auditor-no-grant';
const STANDINGS: { standing: Standing; roles: AppRole[]; grant?: Partial<AuditorGrant> }[] = [
  { standing: 'none', roles: [] },
  { standing: 'admin', roles: ['Safeguarding.Admin'] },
  { standing: 'lead', roles: ['Safeguarding.Lead'] },
  { standing: 'oversight', roles: ['Safeguarding.Oversight'] },
  { standing: 'auditor-active', roles: ['Safeguarding.Auditor'], grant: {} },
  { standing: 'auditor-expired', roles: ['Safeguarding.Auditor'], grant: { expiresAt: NOW } },
  { standing: 'auditor-no-grant', roles: ['Safeguarding.Auditor'] },
];
type PartyStatus = 'supervisor' | 'supervisee' | 'not a party';
const PARTY_STATUSES: { status: PartyStatus; id: string }[] = [
  { status: 'supervisor', id: SUPERVISOR },
  { status: 'supervisee', id: SUPERVISEE },
  { status: 'not a party', id: OUTSIDER },
];
const KINDS: RecordKind[] = ['individual', 'wellbeing'];

/** The intended access matrix, written out independently of the rules. */
function expected(op: RecordOperation, standing: Standing, party: PartyStatus, kind: RecordKind): boolean {
  const isParty = party !== 'not a party';
  const lead = standing === 'lead';
  switch (op) {
    case 'read':
      return isParty || lead || (kind !== 'wellbeing' && (standing === 'oversight' || standing === 'auditor-active'));
    case 'write':
    case 'send':
    case 'decide':
      return party === 'supervisor';
    case 'sign':
      return isParty; // both parties are the signatories below
    case 'confirm-decision':
      return party === 'supervisor' || lead;
    case 'read-decisions':
      return lead || standing === 'oversight' || standing === 'auditor-active';
    case 'grant-auditor':
      return lead;
  }
}

const CASES = STANDINGS.flatMap((s) =>
  PARTY_STATUSES.flatMap((p) => RECORD_OPERATIONS.flatMap((op) => KINDS.map((kind) => ({ ...s, party: p.status, callerId: p.id, op, kind })))),
);

describe('record access matrix', () => {
  it('covers every operation', () => {
    expect([...RECORD_OPERATIONS]).toEqual(['read', 'write', 'send', 'sign', 'decide', 'confirm-decision', 'read-decisions', 'grant-auditor']);
    expect(CASES).toHaveLength(STANDINGS.length * PARTY_STATUSES.length * RECORD_OPERATIONS.length * KINDS.length);
  });

  it.each(CASES)('$standing, $party: $op a $kind record', ({ roles, grant: g, callerId, op, kind, standing, party }) => {
    const caller: Caller = { id: callerId, roles };
    const subject: RecordSubject = { arrangement, kind, signatoryIds: [SUPERVISOR, SUPERVISEE] };
    const ctx: AccessContext = { now: NOW, grants: g ? [grant(callerId, g)] : [] };
    const d = decideRecordAccess(op, caller, subject, ctx);
    expect(d.ok).toBe(expected(op, standing, party, kind));
    if (!d.ok) expect(d.reason.length).toBeGreaterThan(10);
  });
});

describe('record access details', () => {
  const subject = (over: Partial<RecordSubject> = {}): RecordSubject => ({ arrangement, kind: 'individual', ...over });
  const ctx = (...grants: AuditorGrant[]): AccessContext => ({ now: NOW, grants });
  const auditor: Caller = { id: 'aud-1', roles: ['Safeguarding.Auditor'] };

  it('sign: only the ids the version was sent to, not every party and not the DSL', () => {
    const lead: Caller = { id: 'dsl-1', roles: ['Safeguarding.Lead'] };
    // A group member marked absent is a party but not a signatory.
    expect(decideRecordAccess('sign', { id: SUPERVISEE, roles: [] }, subject({ signatoryIds: [SUPERVISOR] }), ctx()).ok).toBe(false);
    expect(decideRecordAccess('sign', { id: SUPERVISOR, roles: [] }, subject({ signatoryIds: [SUPERVISOR] }), ctx()).ok).toBe(true);
    expect(decideRecordAccess('sign', lead, subject({ signatoryIds: [SUPERVISOR, SUPERVISEE] }), ctx()).ok).toBe(false);
    expect(decideRecordAccess('sign', { id: SUPERVISOR, roles: [] }, subject(), ctx()).ok).toBe(false);
  });

  it('an auditor grant counts only for its own auditor, only while active, and only with the Auditor role', () => {
    expect(canReadRecord(auditor, subject(), ctx(grant('aud-1'))).ok).toBe(true);
    expect(canReadRecord(auditor, subject(), ctx(grant('aud-2'))).ok).toBe(false);
    expect(canReadRecord(auditor, subject(), ctx(grant('aud-1', { revokedAt: '2026-06-12T09:00:00Z' }))).ok).toBe(false);
    expect(canReadRecord(auditor, subject(), ctx(grant('aud-1', { grantedAt: '2026-06-17T09:00:00Z', expiresAt: '2026-06-20T09:00:00Z' }))).ok).toBe(false);
    expect(canReadRecord(auditor, subject(), ctx(grant('aud-1', { expiresAt: NOW }), grant('aud-1', { id: 'g2' }))).ok).toBe(true);
    expect(canReadRecord({ id: 'aud-1', roles: [] }, subject(), ctx(grant('aud-1'))).ok).toBe(false);
    expect(decideRecordAccess('read-decisions', { id: 'aud-1', roles: ['Safeguarding.Admin'] }, subject(), ctx(grant('aud-1'))).ok).toBe(false);
  });

  it('wellbeing records stay private for every kind of outsider, with a reason that says why', () => {
    const oversight: Caller = { id: 'ov-1', roles: ['Safeguarding.Oversight'] };
    for (const caller of [oversight, auditor]) {
      const d = canReadRecord(caller, subject({ kind: 'wellbeing' }), ctx(grant(caller.id)));
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.reason).toMatch(/wellbeing/);
    }
  });

  it('a wellbeing record in a group arrangement is the supervisor’s and the DSL’s only, not the other group members’', () => {
    const OTHER = 'see-b';
    const group = testArrangement({
      id: 'arr-g',
      supervisor: { id: SUPERVISOR, displayName: 'Sam Supervisor', mail: 'sam@school.example', role: 'dsl' },
      supervisees: [
        { id: SUPERVISEE, displayName: 'Alex A', mail: 'alex@school.example', role: 'head-of-year' },
        { id: OTHER, displayName: 'Bea B', mail: 'bea@school.example', role: 'head-of-year' },
      ],
    });
    expect(group.format).toBe('group');
    const wellbeing = subject({ arrangement: group, kind: 'wellbeing', signatoryIds: [SUPERVISOR, SUPERVISEE, OTHER] });
    const read = (caller: Caller) => canReadRecord(caller, wellbeing, ctx(grant(caller.id))).ok;
    expect(read({ id: SUPERVISOR, roles: [] })).toBe(true);
    expect(read({ id: 'dsl-1', roles: ['Safeguarding.Lead'] })).toBe(true);
    // A supervisee who is also a deputy DSL reads it as the DSL.
    expect(read({ id: OTHER, roles: ['Safeguarding.Lead'] })).toBe(true);
    for (const caller of [
      { id: SUPERVISEE, roles: [] },
      { id: OTHER, roles: [] },
      { id: 'ov-1', roles: ['Safeguarding.Oversight'] },
      { id: 'aud-1', roles: ['Safeguarding.Auditor'] },
      { id: 'adm-1', roles: ['Safeguarding.Admin'] },
      { id: OUTSIDER, roles: [] },
    ] satisfies Caller[]) {
      const d = canReadRecord(caller, wellbeing, ctx(grant(caller.id)));
      expect(d.ok, caller.id).toBe(false);
      if (!d.ok) expect(d.reason).toMatch(/wellbeing/);
    }
    // Sent to the whole group before that was refused: a member who may not read it may not sign it either.
    expect(decideRecordAccess('sign', { id: OTHER, roles: [] }, wellbeing, ctx()).ok).toBe(false);
    expect(decideRecordAccess('sign', { id: SUPERVISOR, roles: [] }, wellbeing, ctx()).ok).toBe(true);
    // Every other kind of group record is read by the whole group.
    for (const kind of ['group', 'case-discussion', 'contract', 'history'] as const)
      expect(canReadRecord({ id: OTHER, roles: [] }, subject({ arrangement: group, kind }), ctx()).ok, kind).toBe(true);
  });

  it('every other record kind is readable by oversight', () => {
    const oversight: Caller = { id: 'ov-1', roles: ['Safeguarding.Oversight'] };
    for (const kind of ['group', 'case-discussion', 'contract', 'history'] as const) expect(canReadRecord(oversight, subject({ kind }), ctx()).ok).toBe(true);
  });

  it('tells an auditor without access to ask the DSL', () => {
    const d = canReadRecord(auditor, subject(), ctx());
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/designated safeguarding lead/);
  });

  it('the admin keeps the schedule but cannot read records', () => {
    const d = canReadRecord({ id: 'adm-1', roles: ['Safeguarding.Admin'] }, subject(), ctx());
    expect(d.ok).toBe(false);
  });
});
