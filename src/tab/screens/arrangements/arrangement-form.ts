// The pure parts of the Arrangements screen: readable role names, a role guessed from a job title,
// the policy defaults shown as placeholders, cadence words, and turning the form into the request.
import type { ArrangementInput, Cadence } from '../../api/operations/arrangements.js';
import type { Person } from '../../api/operations/arrangements.js';
import type { FieldIssue } from '../../forms/field-issues.js';
import { DEFAULT_POLICIES } from '../../../shared/policy/default-policies.js';
import { ROLE_NAMES, SUPERVISEE_ROLES, SUPERVISOR_ROLES, type SuperviseeRole, type SupervisorRole } from '../../../shared/policy/roles.js';

export { SUPERVISEE_ROLES, SUPERVISOR_ROLES };

/** 'a deputy DSL' → 'Deputy DSL'; 'their line manager' → 'Line manager'. */
export function roleLabel(role: string): string {
  const name = (ROLE_NAMES as Record<string, string>)[role];
  if (!name) return role;
  const bare = name.replace(/^(the|a|an|their)\s+/i, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

const GUESSES: readonly [RegExp, SuperviseeRole | SupervisorRole][] = [
  [/\bdeputy\b.*\bsafeguarding\b|\bddsl\b|\bdeputy dsl\b/i, 'deputy-dsl'],
  [/designated safeguarding lead|\bdsl\b/i, 'dsl'],
  [/assistant head of year/i, 'assistant-head-of-year'],
  [/head of year/i, 'head-of-year'],
  [/\bsenco\b|\bsen lead\b|special educational needs/i, 'senco'],
  [/teaching assistant|learning support assistant|\bta\b/i, 'teaching-assistant'],
  [/pupil premium/i, 'pupil-premium-lead'],
  [/pastoral/i, 'pastoral-lead'],
  [/^(principal|head ?teacher|executive head)/i, 'principal'],
  [/class teacher|^teacher\b/i, 'class-teacher'],
];

/** The role a job title suggests, if it is one of `allowed` ('Head of Year 9' → 'head-of-year'); '' when unsure. */
export function guessRole(jobTitle: string | null | undefined, allowed: readonly string[]): string {
  if (!jobTitle) return '';
  for (const [pattern, role] of GUESSES) if (pattern.test(jobTitle)) return allowed.includes(role) ? role : '';
  return '';
}

export const CADENCE_KINDS = ['half-termly', 'termly', 'monthly', 'every-n-weeks', 'as-required'] as const;
export type CadenceKind = (typeof CADENCE_KINDS)[number];

export function cadenceText(c: Pick<Cadence, 'kind' | 'weeks'>): string {
  switch (c.kind) {
    case 'half-termly':
      return 'Once each half term';
    case 'termly':
      return 'Once each term';
    case 'monthly':
      return 'Once a month';
    case 'every-n-weeks':
      return c.weeks ? `Every ${c.weeks} weeks` : 'Every few weeks';
    case 'as-required':
      return 'As required (debrief)';
  }
}

export const ORGANISER_TEXT = { supervisor: "Supervisor's mailbox", 'safeguarding-mailbox': 'Safeguarding mailbox' } as const;

export const WEEKDAYS = [
  { day: 1, name: 'Monday' },
  { day: 2, name: 'Tuesday' },
  { day: 3, name: 'Wednesday' },
  { day: 4, name: 'Thursday' },
  { day: 5, name: 'Friday' },
] as const;

/** What the server will fill in when a field is left empty, from the policy for the first supervisee's role. */
export function policyDefaults(firstSuperviseeRole: string, superviseeCount: number): { cadence: string; durationMinutes: number; maxGapMonths: number } | null {
  const policy = DEFAULT_POLICIES.find((p) => p.role === firstSuperviseeRole);
  if (!policy) return null;
  const group = superviseeCount > 1;
  return {
    cadence: cadenceText(policy.cadence),
    // seed 002 §2.2: group supervision runs at least 2 hours (src/shared/arrangements/new-arrangement.ts).
    durationMinutes: group ? Math.max(policy.durationMinutes, 120) : policy.durationMinutes,
    maxGapMonths: policy.maxGapMonths,
  };
}

export interface SuperviseeDraft {
  readonly key: number;
  readonly person: Person | null;
  readonly role: string;
}

export interface ArrangementDraft {
  readonly supervisor: Person | null;
  readonly supervisorRole: string;
  readonly supervisees: readonly SuperviseeDraft[];
  readonly cadence: CadenceKind | '';
  readonly weeks: string;
  readonly duration: string;
  readonly maxGap: string;
  readonly organiser: 'supervisor' | 'safeguarding-mailbox';
  readonly teamsMeeting: boolean;
  readonly location: string;
  readonly days: readonly number[];
  /** One of the trust's schools; '' when the trust has one school (the server puts it in the first). */
  readonly schoolId: string;
}

export const EMPTY_DRAFT: ArrangementDraft = {
  supervisor: null,
  supervisorRole: '',
  supervisees: [{ key: 0, person: null, role: '' }],
  cadence: '',
  weeks: '',
  duration: '',
  maxGap: '',
  organiser: 'supervisor',
  teamsMeeting: false,
  location: '',
  days: [],
  schoolId: '',
};

function wholeNumber(text: string, min: number, max: number): number | null | 'bad' {
  const t = text.trim();
  if (!t) return null;
  if (!/^\d+$/.test(t)) return 'bad';
  const n = Number(t);
  return n < min || n > max ? 'bad' : n;
}

/**
 * The createArrangement body for a draft, or the problems the person can fix before sending (named
 * with the server's field paths, so they land next to the same inputs as the server's own).
 */
export function toArrangementInput(
  draft: ArrangementDraft,
  options: { schoolRequired?: boolean } = {},
): { ok: true; input: ArrangementInput } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (options.schoolRequired && !draft.schoolId) issues.push({ field: 'schoolId', message: 'Choose the school the arrangement belongs to.' });
  if (!draft.supervisor) issues.push({ field: 'supervisorId', message: 'Choose the supervisor.' });
  if (!draft.supervisorRole) issues.push({ field: 'supervisorRole', message: "Choose the supervisor's role." });
  draft.supervisees.forEach((s, i) => {
    if (!s.person) issues.push({ field: `supervisees[${i}].id`, message: 'Choose the supervisee.' });
    if (!s.role) issues.push({ field: `supervisees[${i}].role`, message: "Choose the supervisee's role." });
  });
  const duration = wholeNumber(draft.duration, 15, 240);
  if (duration === 'bad') issues.push({ field: 'durationMinutes', message: 'Enter whole minutes from 15 to 240, or leave it empty for the default.' });
  const maxGap = wholeNumber(draft.maxGap, 1, 12);
  if (maxGap === 'bad') issues.push({ field: 'maxGapMonths', message: 'Enter whole months from 1 to 12, or leave it empty for the default.' });
  let cadence: Cadence | undefined;
  if (draft.cadence === 'every-n-weeks') {
    const weeks = wholeNumber(draft.weeks, 1, 26);
    if (weeks === null || weeks === 'bad') issues.push({ field: 'cadence.weeks', message: 'Enter how many weeks apart, from 1 to 26.' });
    else cadence = { kind: 'every-n-weeks', weeks };
  } else if (draft.cadence) {
    cadence = { kind: draft.cadence };
  }
  if (draft.location.trim().length > 100) issues.push({ field: 'location', message: 'Keep the place to 100 characters (a room name, no case detail).' });
  if (issues.length > 0 || !draft.supervisor) return { ok: false, issues };

  const location = draft.location.trim();
  return {
    ok: true,
    input: {
      supervisorId: draft.supervisor.id,
      supervisorRole: draft.supervisorRole,
      supervisees: draft.supervisees.map((s) => ({ id: s.person?.id ?? '', role: s.role })),
      ...(cadence ? { cadence } : {}),
      ...(typeof duration === 'number' ? { durationMinutes: duration } : {}),
      ...(typeof maxGap === 'number' ? { maxGapMonths: maxGap } : {}),
      organiser: draft.organiser,
      teamsMeeting: draft.teamsMeeting,
      ...(location ? { location } : {}),
      preferences: draft.days.length ? { days: [...draft.days].sort((a, b) => a - b) } : {},
      ...(draft.schoolId ? { schoolId: draft.schoolId } : {}),
    },
  };
}

/** The school's name for an arrangement: its own school, or the first (where one with no school counts). */
export function schoolNameOf(schoolId: string | undefined, schools: readonly { id: string; name: string }[]): string {
  return (schools.find((s) => s.id === schoolId) ?? schools[0])?.name ?? '';
}
