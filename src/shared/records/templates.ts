import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input.js';
import { ANSWER_MAX_LENGTH, LONE_SURROGATE, type RecordContent, type RecordKind } from './record.js';

const QUESTION_KINDS: readonly QuestionKind[] = ['text', 'long-text', 'yes-no'];
export type QuestionKind = 'text' | 'long-text' | 'yes-no';

export interface Question {
  id: string;
  label: string;
  hint?: string;
  kind: QuestionKind;
  /** must be answered before sending for signature */
  required?: boolean;
}

export interface RecordTemplate {
  id: string;
  kind: RecordKind;
  title: string;
  /** e.g. 'seed 004 Appendix 2' */
  source: string;
  questions: readonly Question[];
}

/** A question id: short, lower case, URL- and key-safe. */
const QUESTION_ID = /^[a-z][a-z0-9-]{0,39}$/;

// Records keep a child's initials or case reference only; the detail goes on the child's own record
// (seed 000 Appendix 3, seed 001 "Formal Supervision", seed 004 "Where a case is discussed").
const INITIALS = 'Initials or case references only, never a child\u2019s full name.';

// seed 004 Appendix 2 numbers Q1–Q10 then Q12 (there is no Q11): the ids keep the seed's numbers.
const INDIVIDUAL_QUESTIONS: RecordTemplate = {
  id: 'individual-questions',
  kind: 'individual',
  title: 'Supervision record (individual)',
  source: 'seed 004 Appendix 2',
  questions: [
    { id: 'q1', label: 'How have you been since your last supervision?', kind: 'long-text', required: true },
    {
      id: 'q2',
      label: 'Pupils you are responsible for on a CP, CIN or Early Help plan, or with a family support worker',
      hint: `How many, and a list. ${INITIALS}`,
      kind: 'long-text',
    },
    {
      id: 'q3',
      label: 'Referrals since your last supervision (MASH, Early Help panel, other agencies, calls for advice)',
      hint: `How many, and brief details. ${INITIALS}`,
      kind: 'long-text',
    },
    { id: 'q4', label: 'Concerns you have logged on the school\u2019s safeguarding system', hint: `How many, and brief details. ${INITIALS}`, kind: 'long-text' },
    { id: 'q5', label: 'Referrals or concerns to discuss, or that need escalating', hint: INITIALS, kind: 'long-text' },
    { id: 'q6', label: 'Developing trends in these referrals or concerns', kind: 'long-text' },
    { id: 'q7', label: 'Recent training, and what from it applies to our school', kind: 'long-text' },
    { id: 'q8', label: 'Further training you need for your role', kind: 'long-text' },
    { id: 'q9', label: 'Workload or team issues to discuss', kind: 'long-text' },
    { id: 'q10', label: 'Anything else to discuss', hint: INITIALS, kind: 'long-text' },
    { id: 'q12', label: 'Has supervision met your needs today?', kind: 'yes-no', required: true },
  ],
};

// seed 003 Appendix 2: Part A by the worker, about one family; Part B the supervisor's record of the discussion.
const INDIVIDUAL_TWO_PART: RecordTemplate = {
  id: 'individual-two-part',
  kind: 'individual',
  title: 'Supervision record (worker and supervisor parts)',
  source: 'seed 003 Appendix 2',
  questions: [
    { id: 'since-last', label: 'Holidays, sickness absence and training since the last supervision', kind: 'long-text' },
    { id: 'all-cases', label: 'Do the cases discussed cover all current cases?', hint: 'No means a sample was discussed.', kind: 'yes-no' },
    { id: 'a-case-ref', label: 'Part A: family and children', hint: `${INITIALS} Add the children\u2019s ages if they help.`, kind: 'text' },
    { id: 'a-status', label: 'Part A: current status (e.g. CIN, CP plan, looked after, Early Help)', kind: 'text' },
    { id: 'a-status-change', label: 'Part A: any change in status, and its date', kind: 'text' },
    { id: 'a-events', label: 'Part A: summary of events since the last supervision', hint: INITIALS, kind: 'long-text' },
    { id: 'a-actions-taken', label: 'Part A: actions you have taken', kind: 'long-text' },
    { id: 'a-risks', label: 'Part A: identified risks or issues', kind: 'long-text' },
    { id: 'a-protective', label: 'Part A: safety and protective factors', kind: 'long-text' },
    { id: 'a-strengths', label: 'Part A: strengths and positives', kind: 'long-text' },
    { id: 'a-role', label: 'Part A: your role with this family', kind: 'long-text' },
    {
      id: 'b-discussion',
      label: 'Part B: supervision discussion, all agenda items',
      hint: `Each agreed action goes in the actions list with who and by when. ${INITIALS}`,
      kind: 'long-text',
      required: true,
    },
    { id: 'b-plans', label: 'Part B: delivery plans discussed', kind: 'long-text' },
    { id: 'b-outstanding', label: 'Part B: any outstanding actions', kind: 'long-text' },
    { id: 'b-aob', label: 'Part B: any other business', kind: 'long-text' },
  ],
};

// seed 004 Appendix 3 (Q1–Q11) with seed 003 §A and seed 001 "Group supervision": the group agrees its
// confidentiality boundaries. Who attended and who takes forward an immediate concern are in RecordContent.
const GROUP: RecordTemplate = {
  id: 'group',
  kind: 'group',
  title: 'Group supervision record',
  source: 'seed 004 Appendix 3; seed 003 \u00a7A Group supervision',
  questions: [
    { id: 'confidentiality', label: 'Has the group agreed the boundaries of confidentiality?', kind: 'yes-no', required: true },
    { id: 'q1', label: 'How have you all been since your last supervision?', kind: 'long-text', required: true },
    { id: 'q2', label: 'Pupils in our school on a CP, CIN or Early Help plan, or with a family support worker', hint: `How many, and a list. ${INITIALS}`, kind: 'long-text' },
    {
      id: 'q3',
      label: 'Referrals since the last supervision (MASH, Early Help panel, other agencies, calls for advice)',
      hint: `How many, and brief details. ${INITIALS}`,
      kind: 'long-text',
    },
    { id: 'q4', label: 'Concerns logged on the school\u2019s safeguarding system', hint: `How many, and brief details. ${INITIALS}`, kind: 'long-text' },
    { id: 'q5', label: 'Referrals or concerns to discuss, or that the group is particularly worried about', hint: INITIALS, kind: 'long-text' },
    { id: 'q6', label: 'Developing trends in these referrals or concerns', kind: 'long-text' },
    { id: 'q7', label: 'Recent training, and what from it applies to our school', kind: 'long-text' },
    { id: 'q8', label: 'Further training needed for your roles', kind: 'long-text' },
    { id: 'q9', label: 'Workload or team issues to discuss', kind: 'long-text' },
    { id: 'q10', label: 'Anything else: key successes, frustrations, interventions or impact', hint: INITIALS, kind: 'long-text' },
    { id: 'q11', label: 'Has supervision met your needs today? Is any other support needed?', kind: 'long-text' },
  ],
};

// seed 000 "The problem-solving cycle": reflection and analysis come between the story and the plan.
const CASE_DISCUSSION: RecordTemplate = {
  id: 'case-discussion',
  kind: 'case-discussion',
  title: 'Case discussion',
  source: 'seed 000 The problem-solving cycle',
  questions: [
    { id: 'case-ref', label: 'Case', hint: `${INITIALS} Decisions about the child go on the child\u2019s own record.`, kind: 'text', required: true },
    { id: 'experience', label: 'Experience: what has happened?', hint: INITIALS, kind: 'long-text', required: true },
    { id: 'reflection', label: 'Reflection: what was it like?', kind: 'long-text' },
    { id: 'analysis', label: 'Analysis: what does it mean, and its impact on the child?', kind: 'long-text' },
    { id: 'plans', label: 'Plans and action: goals, plans and services to try', kind: 'long-text', required: true },
  ],
};

// seed 000 Appendices 2–3, seed 003 Appendix 1 (sample contract), seed 002 Appendix A and seed 004 Appendix 1.
const CONTRACT: RecordTemplate = {
  id: 'contract',
  kind: 'contract',
  title: 'Supervision contract',
  source: 'seed 000 Appendices 2\u20133; seed 003 Appendix 1',
  questions: [
    { id: 'frequency', label: 'How often we will meet', hint: 'For example every half term, or at least every four weeks.', kind: 'text', required: true },
    { id: 'duration', label: 'How long each session lasts', hint: 'For example one hour.', kind: 'text', required: true },
    { id: 'venue', label: 'Where we will meet', hint: 'A private space, free from interruption.', kind: 'text', required: true },
    { id: 'agenda', label: 'How the agenda is prepared', hint: 'A joint agenda: both parties bring issues.', kind: 'long-text', required: true },
    { id: 'preparation', label: 'How we will prepare for each session', hint: 'For example reading the last record and choosing cases to discuss.', kind: 'long-text' },
    { id: 'expectations', label: 'What the supervisee expects from supervision', kind: 'long-text' },
    { id: 'supervisor-contributes', label: 'What the supervisor will contribute', kind: 'long-text' },
    { id: 'supervisee-contributes', label: 'What the supervisee will contribute', kind: 'long-text' },
    {
      id: 'recording',
      label: 'Recording and storage: who writes the record, who signs it, where it is kept',
      hint: 'Decisions about a child go on the child\u2019s own record; this record keeps initials or references only.',
      kind: 'long-text',
      required: true,
    },
    { id: 'confidentiality', label: 'Limits of confidentiality', hint: 'When information will be shared, and with whom.', kind: 'long-text', required: true },
    { id: 'cancellation', label: 'If a session has to be cancelled or postponed', hint: 'Who tells whom, and by when it is re-arranged.', kind: 'long-text', required: true },
    { id: 'difficulties', label: 'If there are difficulties or a disagreement', hint: 'Who else the two of you will meet to resolve it.', kind: 'long-text' },
    { id: 'review-date', label: 'Date this contract will be reviewed', hint: 'At least once a year.', kind: 'text', required: true },
  ],
};

// seed 000 Appendix 1: taken at a first session to shape the contract.
const HISTORY: RecordTemplate = {
  id: 'history',
  kind: 'history',
  title: 'Supervision history',
  source: 'seed 000 Appendix 1',
  questions: [
    { id: 'previous', label: 'Previous experience of supervision or something like it', kind: 'long-text', required: true },
    { id: 'expectations', label: 'What you expect from supervision here', kind: 'long-text' },
    { id: 'previous-roles', label: 'Experience in previous roles', kind: 'long-text' },
    { id: 'understanding', label: 'Your understanding of supervision', kind: 'long-text' },
    { id: 'feelings', label: 'How you feel about supervision: before, during and after', kind: 'long-text' },
    { id: 'best-experience', label: 'What will make supervision work best for you', kind: 'long-text' },
  ],
};

// seed 000 Appendix 6: kept apart from the general record unless the supervisee consents (see access/records.ts).
const WELLBEING: RecordTemplate = {
  id: 'wellbeing',
  kind: 'wellbeing',
  title: 'Concerns about the supervisee\u2019s welfare or wellbeing',
  source: 'seed 000 Appendix 6',
  questions: [
    { id: 'concern', label: 'Nature of the concern', hint: `About the supervisee\u2019s own welfare. If a case is involved: ${INITIALS}`, kind: 'long-text', required: true },
    { id: 'support', label: 'Support offered', hint: 'For example the Employee Assistance Programme or occupational health.', kind: 'long-text' },
    {
      id: 'consent-to-share',
      label: 'Does the supervisee consent to this being stored in the general supervision files?',
      hint: 'Those files are open to the core safeguarding team.',
      kind: 'yes-no',
      required: true,
    },
  ],
};

export const RECORD_TEMPLATES: readonly RecordTemplate[] = [INDIVIDUAL_QUESTIONS, INDIVIDUAL_TWO_PART, GROUP, CASE_DISCUSSION, CONTRACT, HISTORY, WELLBEING];

/** The template used for each kind unless the school chooses another. */
export const DEFAULT_TEMPLATE_IDS: Record<RecordKind, string> = {
  individual: 'individual-questions',
  group: 'group',
  'case-discussion': 'case-discussion',
  contract: 'contract',
  history: 'history',
  wellbeing: 'wellbeing',
};

export function templateById(id: string): RecordTemplate | undefined {
  return RECORD_TEMPLATES.find((t) => t.id === id);
}

/** Templates a school may choose for a kind. */
export function templatesFor(kind: RecordKind): RecordTemplate[] {
  return RECORD_TEMPLATES.filter((t) => t.kind === kind);
}

/**
 * The school's own extra questions appended. Refuses (InvalidInputError, field 'questions') an id that is
 * malformed or already used, an unknown kind or an empty label.
 */
export function extendTemplate(t: RecordTemplate, extra: readonly Question[]): RecordTemplate {
  const seen = new Set(t.questions.map((q) => q.id));
  extra.forEach((q, i) => {
    const id: unknown = q.id;
    if (typeof id !== 'string' || !QUESTION_ID.test(id)) {
      throw new InvalidInputError('questions', `Question ${i + 1} has id ${JSON.stringify(id)}: use lower-case letters, digits and hyphens, starting with a letter (at most 40).`);
    }
    if (seen.has(id)) throw new InvalidInputError('questions', `Question id "${id}" is already used in ${t.title}: choose another.`);
    if (typeof q.label !== 'string' || q.label.trim() === '') throw new InvalidInputError('questions', `Question "${id}" has no label: write the question.`);
    if (!QUESTION_KINDS.includes(q.kind)) throw new InvalidInputError('questions', `Question "${id}" must be ${QUESTION_KINDS.join(', ')}.`);
    seen.add(id);
  });
  return { ...t, questions: [...t.questions, ...extra.map((q) => ({ ...q }))] };
}

const YES_NO = ['yes', 'no'] as const;

/** zod schema for content.answers under this template: known question ids only, each optional. */
export function answersSchema(t: RecordTemplate): z.ZodType<Record<string, string>> {
  const shape: Record<string, z.ZodOptional<z.ZodString | z.ZodEnum<{ yes: 'yes'; no: 'no' }>>> = {};
  for (const q of t.questions) {
    shape[q.id] = (
      q.kind === 'yes-no'
        ? z.enum(YES_NO, { error: 'answer yes or no' })
        : z
            .string()
            .max(ANSWER_MAX_LENGTH, `at most ${ANSWER_MAX_LENGTH} characters`)
            .refine((s) => !LONE_SURROGATE.test(s), 'contains a broken character: retype it rather than pasting it')
    ).optional();
  }
  const schema = z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `${t.title} has no question ${iss.keys.map((k) => `"${k}"`).join(', ')}` : undefined),
  });
  // Every property is optional, which TypeScript will not read as a Record<string, string>.
  return schema as unknown as z.ZodType<Record<string, string>>;
}

type ReadinessIssue = { field: string; message: string };

/**
 * What must be fixed before a version can be sent for signature; [] when ready. `partyIds` are the
 * arrangement's people (supervisor included).
 */
export function readinessIssues(t: RecordTemplate, content: RecordContent, partyIds: readonly string[], supervisorId: string): { field: string; message: string }[] {
  const issues: ReadinessIssue[] = [];
  for (const q of t.questions) {
    if (q.required && (Object.hasOwn(content.answers, q.id) ? (content.answers[q.id] ?? '') : '').trim() === '')
      issues.push({ field: `answers.${q.id}`, message: `Answer \u201c${q.label}\u201d before sending for signature.` });
  }
  if (t.kind === 'group') issues.push(...groupIssues(content, partyIds, supervisorId));
  content.actions.forEach((a, i) => {
    if (!partyIds.includes(a.ownerId))
      issues.push({ field: `actions[${i}].ownerId`, message: `Action ${i + 1} belongs to someone outside this supervision: choose the supervisor or a supervisee.` });
  });
  return issues;
}

// seed 003 §A (and seed 001): a group record shows who was there, and names who takes forward any immediate concern.
function groupIssues(content: RecordContent, partyIds: readonly string[], supervisorId: string): ReadinessIssue[] {
  const attendance = content.attendance ?? [];
  if (attendance.length === 0) return [{ field: 'attendance', message: 'Mark who was present.' }, ...takesForwardIssues(content, [])];
  const issues: ReadinessIssue[] = [];
  attendance.forEach((a, i) => {
    if (!partyIds.includes(a.userId)) issues.push({ field: `attendance[${i}].userId`, message: 'Someone marked in the attendance is not in this supervision group.' });
    // Marked twice (present and absent, say): who was there, and so who signs, would be unclear.
    else if (attendance.findIndex((b) => b.userId === a.userId) < i)
      issues.push({ field: `attendance[${i}].userId`, message: 'Someone is marked more than once in the attendance: mark each person once.' });
  });
  const present = attendance.filter((a) => a.present && partyIds.includes(a.userId)).map((a) => a.userId);
  if (!present.includes(supervisorId)) issues.push({ field: 'attendance', message: 'The supervisor must be marked present.' });
  if (!present.some((id) => id !== supervisorId)) issues.push({ field: 'attendance', message: 'Mark at least one supervisee present.' });
  return [...issues, ...takesForwardIssues(content, present)];
}

function takesForwardIssues(content: RecordContent, present: readonly string[]): ReadinessIssue[] {
  if (content.takesForwardId === undefined) return [{ field: 'takesForwardId', message: 'Name who takes forward any immediate safeguarding concern.' }];
  if (!present.includes(content.takesForwardId)) return [{ field: 'takesForwardId', message: 'The person who takes forward any immediate concern must be someone present.' }];
  return [];
}
