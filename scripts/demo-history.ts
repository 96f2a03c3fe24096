// The demo school's past (issue 11 part 5, "Demo history"): about a year and a half of held supervision,
// written straight into the safeguarding lists relative to today, so a newcomer's first `npm start` shows a
// compliance dashboard with something to say. Fictional people (tools/m365-emulator/src/seed/demo-school.ts),
// bland content, children as initials only.
//
// For each demo arrangement: one held session per half term over the last ~18 months (school days, at a
// plausible time, ended at least a day ago), each with a supervision record signed by everyone and locked,
// and a contract signed at the first session and re-signed at its annual review. Four things are wrong:
//   (a) Marcus Bell (supervised by Daniel Okafor) is overdue: nothing held for over 4 months, nothing booked.
//   (b) Hannah Whitcombe has not signed the record of her latest session with Daniel Okafor (sent, signed by
//       Daniel, more than 5 working days ago).
//   (c) Liam Doherty (supervised by Grace Mwangi) has no contract although every session since was held.
//   (d) A decision record from Rachel Fairbrother's latest session with Daniel Okafor ("J.S.") is not
//       confirmed on the case system, more than 24 hours on.
// Everyone else (the group: Hannah with Sophie Lindqvist, Tom Adeyemi and Grace Mwangi) is on track.
//
// Written once per school: nothing is written when a demo-history session is already there. Every item has a
// deterministic key, so writing the same history again (the same `now`) creates nothing new.

import type { RecordStorePort } from '../src/bot/graph/record-store.js';
import type { UseCases } from '../src/bot/use-cases.js';
import { currentCalendar } from '../src/bot/school-year/school-calendar.js';
import { createArrangementRepository } from '../src/bot/storage/arrangement-repository.js';
import { createDecisionRepository } from '../src/bot/storage/decision-repository.js';
import { createRecordRepository } from '../src/bot/storage/record-repository.js';
import { createSchoolCalendarRepository } from '../src/bot/storage/school-calendar-repository.js';
import { createSessionRepository } from '../src/bot/storage/session-repository.js';
import { partiesOf, type Arrangement } from '../src/shared/arrangements/arrangement.js';
import { HALF_TERM_NAMES, type HalfTermId } from '../src/shared/calendar/academic-year.js';
import { addDays, addMonths, daysBetween, isWeekend, weekday, type IsoDate } from '../src/shared/calendar/dates.js';
import { addMinutes, instantMs, instantToLondon, londonToInstant, type IsoInstant } from '../src/shared/calendar/london-time.js';
import { isPlannableDay, type WorkingCalendar } from '../src/shared/calendar/working-calendar.js';
import { addWorkingDays } from '../src/shared/calendar/working-days.js';
import type { DecisionRecord } from '../src/shared/records/decision-record.js';
import { recordIdFor, type AgreedAction, type RecordContent, type RecordVersion, type Signatory } from '../src/shared/records/record.js';
import { editRecord, sendForSignature, signRecord, startRecord } from '../src/shared/records/sign-off.js';
import { sessionId, type Session } from '../src/shared/sessions/session.js';

const PRIYA = 'a1000000-0000-4000-8000-000000000001';
const DANIEL = 'a1000000-0000-4000-8000-000000000002';
const HANNAH = 'a1000000-0000-4000-8000-000000000003';
const MARCUS = 'a1000000-0000-4000-8000-000000000004';
const SOPHIE = 'a1000000-0000-4000-8000-000000000005';
const GRACE = 'a1000000-0000-4000-8000-000000000007';
const LIAM = 'a1000000-0000-4000-8000-000000000008';
const RACHEL = 'a1000000-0000-4000-8000-000000000009';

/** Marks the history's sessions (no Outlook meeting behind them) and tells a later start it was written. */
export const DEMO_HISTORY_PREFIX = 'demo-history-';

type Case = 'overdue' | 'unsigned-record' | 'no-contract' | 'overdue-decision' | 'on-track';

interface Plan {
  supervisorId: string;
  superviseeId: string;
  /** London time the sessions start. */
  time: string;
  /** How far into the half term the session is aimed at (then the next school day that suits). */
  into: number;
  case: Case;
}

// Which demo arrangement shows which case, and when its sessions usually happen.
const PLANS: readonly Plan[] = [
  { supervisorId: RACHEL, superviseeId: DANIEL, time: '09:30', into: 0.3, case: 'overdue-decision' },
  { supervisorId: DANIEL, superviseeId: HANNAH, time: '14:00', into: 0.45, case: 'unsigned-record' },
  { supervisorId: DANIEL, superviseeId: MARCUS, time: '11:00', into: 0.4, case: 'overdue' },
  { supervisorId: HANNAH, superviseeId: SOPHIE, time: '13:30', into: 0.55, case: 'on-track' },
  { supervisorId: GRACE, superviseeId: LIAM, time: '15:30', into: 0.5, case: 'no-contract' },
];

export interface DemoHistory {
  sessions: Session[];
  /** Every stored version (a contract reviewed once has two). */
  records: RecordVersion[];
  decisions: DecisionRecord[];
  /** Arrangements whose start moves back to when the history begins. */
  arrangements: Arrangement[];
}

interface HalfTermWindow {
  academicYear: string;
  windowId: string;
  label: string;
  start: IsoDate;
  end: IsoDate;
}

/**
 * The half terms from `from` to `to`: the school calendar's, and before its first year the same dates a year
 * (or two) earlier, so the history can begin before the calendar does.
 */
function halfTermsBetween(wc: WorkingCalendar, from: IsoDate, to: IsoDate): HalfTermWindow[] {
  const out: HalfTermWindow[] = [];
  const first = wc.calendar.years[0];
  if (first) {
    const startYear = Number(first.label.slice(0, 4));
    for (let back = 1; back <= 3; back++) {
      const y = startYear - back;
      const label = `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
      for (const h of first.halfTerms) {
        const window = {
          academicYear: label,
          windowId: `${label}:${h.id}`,
          label: HALF_TERM_NAMES[h.id as HalfTermId],
          start: addMonths(h.start, -12 * back),
          end: addMonths(h.end, -12 * back),
        };
        if (window.end >= from && window.start <= to && window.end < wc.firstDay) out.push(window);
      }
    }
  }
  for (const y of wc.calendar.years)
    for (const h of y.halfTerms)
      if (h.end >= from && h.start <= to) out.push({ academicYear: y.label, windowId: `${y.label}:${h.id}`, label: HALF_TERM_NAMES[h.id], start: h.start, end: h.end });
  return out.sort((x, y) => x.start.localeCompare(y.start));
}

function isSchoolDay(wc: WorkingCalendar, date: IsoDate): boolean {
  if (date >= wc.firstDay && date <= wc.lastDay) return isPlannableDay(wc, date, false);
  return !isWeekend(date) && !wc.bankHolidays.has(date);
}

/**
 * The session's day in a window: `into` of the way through it, or earlier when that would leave more than the
 * maximum gap (less a fortnight) since `previous`; then the nearest school day on a preferred weekday.
 */
function dayIn(wc: WorkingCalendar, w: HalfTermWindow, into: number, days: readonly number[], latest: IsoDate | undefined): IsoDate | undefined {
  const suits = (d: IsoDate) => isSchoolDay(wc, d) && (days.length === 0 || days.includes(weekday(d)));
  const last = latest && latest < w.end ? latest : w.end;
  const aim = addDays(w.start, Math.round(into * daysBetween(w.start, w.end)));
  const from = aim < last ? aim : last;
  for (let d = from; d <= last; d = addDays(d, 1)) if (suits(d)) return d;
  for (let d = from; d >= w.start; d = addDays(d, -1)) if (suits(d)) return d;
  for (let d = w.start; d <= w.end; d = addDays(d, 1)) if (suits(d)) return d;
  return undefined;
}

/** The day a record's sign-off was due (as the compliance rule counts it). */
function signOffDue(wc: WorkingCalendar, date: IsoDate, workingDays: number): IsoDate {
  try {
    return addWorkingDays(wc, date, workingDays);
  } catch {
    return addDays(date, Math.ceil((workingDays * 7) / 5));
  }
}

const ok = (r: ReturnType<typeof signRecord>): RecordVersion => {
  if (!r.ok) throw new Error(`Demo history: ${r.message}`);
  return r.record;
};

/** Sends a version to these people and has `signers` sign it, each a few hours later (all within the day). */
function sendAndSign(draft: RecordVersion, signatories: readonly Signatory[], signers: readonly Signatory[], sentAt: IsoInstant): RecordVersion {
  let r = ok(sendForSignature(draft, signatories, sentAt));
  signers.forEach((s, i) => {
    r = ok(signRecord(r, s, { version: r.version, sha256: r.sentSha256 as string }, addMinutes(sentAt, 30 + i * 180)));
  });
  return r;
}

// Bland, fictional content: a few variants so the records do not all read the same.
const WELLBEING = [
  'Well overall; a busy few weeks with the new timetable.',
  'Tired after a demanding half term, but supported by the team.',
  'Settled and positive; glad of the time to reflect.',
  'Managing well; some pressure around exam season.',
];
const CASES = [
  'Discussed J.S. (attendance); plan reviewed, no escalation needed.',
  'Discussed A.K. and M.R.; both stable, Early Help support continuing.',
  'No new referrals; reviewed the open case for L.T. together.',
  'One referral made for R.B.; outcome awaited from the local authority.',
];
const TRAINING = ['Online safety update (staff briefing).', 'Refresher on recording concerns.', 'Local partnership training on neglect.', 'None this half term.'];
const ACTIONS = [
  'Share the updated referral flowchart with the pastoral team',
  'Review attendance concerns for the cases discussed',
  'Book a place on the next local partnership training',
  'Check the chronology entries for the cases discussed are up to date',
];

function sessionContent(a: Arrangement, n: number, actions: AgreedAction[]): RecordContent {
  const pick = <T>(xs: readonly T[]) => xs[n % xs.length] as T;
  if (a.format === 'group') {
    return {
      answers: {
        confidentiality: 'yes',
        q1: pick(WELLBEING),
        q4: 'Concerns logged as usual; no patterns of note.',
        q5: pick(CASES),
        q6: 'Nothing new emerging.',
        q7: pick(TRAINING),
        q11: 'Yes. No other support needed.',
      },
      actions,
      attendance: partiesOf(a).map((p) => ({ userId: p.id, present: true })),
      takesForwardId: a.supervisor.id,
    };
  }
  return {
    answers: { q1: pick(WELLBEING), q3: 'Referrals as expected for the half term.', q5: pick(CASES), q7: pick(TRAINING), q9: 'Workload manageable.', q12: 'yes' },
    actions,
  };
}

function contractContent(a: Arrangement, reviewed: IsoDate): RecordContent {
  return {
    answers: {
      frequency: 'Once every half term, at least every three months.',
      duration: a.durationMinutes >= 120 ? 'Two hours.' : 'One hour.',
      venue: a.location ?? 'A private office, free from interruption.',
      agenda: 'A joint agenda: both bring issues, agreed a week before.',
      recording: 'The supervisor writes the record in the app; everyone signs it; decisions about a child go on the child’s own record.',
      confidentiality: 'What is discussed stays within supervision unless a child or adult is at risk of harm.',
      cancellation: 'Whoever cancels rearranges it within a week.',
      'review-date': addMonths(reviewed, 12),
    },
    actions: [],
  };
}

/**
 * The history for these arrangements as of `now`, pure. `existing` are sessions already there (a booked year,
 * say): their windows are left alone.
 */
export function planDemoHistory(input: { now: IsoInstant; calendar: WorkingCalendar; arrangements: readonly Arrangement[]; existing?: readonly Session[] }): DemoHistory {
  const { now, calendar: wc } = input;
  const today = instantToLondon(now).date;
  const from = addMonths(today, -18);
  // Held and signed by now: ended at least a day ago.
  const lastEndMs = instantMs(now) - 24 * 3_600_000;
  const windows = halfTermsBetween(wc, from, today);
  const out: DemoHistory = { sessions: [], records: [], decisions: [], arrangements: [] };

  for (const plan of PLANS) {
    const a = input.arrangements.find((x) => x.status === 'active' && x.supervisor.id === plan.supervisorId && x.supervisees.some((s) => s.id === plan.superviseeId));
    if (!a) continue;
    const taken = new Set((input.existing ?? []).filter((s) => s.arrangementId === a.id).map((s) => s.windowId));
    const days = a.preferences.days ?? [];
    const held: Session[] = [];
    for (const w of windows) {
      if (taken.has(w.windowId)) continue;
      const previous = held.at(-1);
      const day = dayIn(wc, w, plan.into, days, previous ? addDays(addMonths(instantToLondon(previous.start).date, a.maxGapMonths), -14) : undefined);
      if (!day || day < from) continue;
      // (a) Nothing for the overdue supervisee in the last four months.
      if (plan.case === 'overdue' && day > addMonths(today, -4)) continue;
      const start = londonToInstant(day, plan.time);
      if (instantMs(addMinutes(start, a.durationMinutes)) > lastEndMs) continue;
      const id = sessionId(a.id, w.windowId);
      held.push({
        id,
        arrangementId: a.id,
        academicYear: w.academicYear,
        windowId: w.windowId,
        windowLabel: w.label,
        start,
        end: addMinutes(start, a.durationMinutes),
        status: 'held',
        organiserMailbox: a.supervisor.mail,
        eventId: `${DEMO_HISTORY_PREFIX}${id}`,
        iCalUId: `${DEMO_HISTORY_PREFIX}${id}`,
        postponements: [],
      });
    }
    if (held.length === 0) continue;
    out.sessions.push(...held);
    if (a.startDate > from) out.arrangements.push({ ...a, startDate: from });

    const everyone: Signatory[] = partiesOf(a).map((p) => ({ id: p.id, displayName: p.displayName }));
    const kind = a.format === 'group' ? 'group' : 'individual';
    // (b) The latest record whose sign-off is already overdue stays unsigned by the supervisee.
    const unsignedId = plan.case === 'unsigned-record' ? held.filter((s) => signOffDue(wc, instantToLondon(s.start).date, 5) < today).at(-1)?.id : undefined;
    let open: AgreedAction | undefined;
    held.forEach((s, n) => {
      const next = held[n + 1];
      const carried = open ? [{ ...open, done: true }] : [];
      // The last session's action is due after today, so nothing shows as past due; the overdue supervisee's has none.
      const due = next ? instantToLondon(next.start).date : addDays(today, 21);
      open =
        plan.case === 'overdue' && !next
          ? undefined
          : {
              id: `${s.id}.action`,
              text: ACTIONS[n % ACTIONS.length] as string,
              ownerId: a.supervisees[0]?.id ?? a.supervisor.id,
              dueDate: due,
              done: false,
              agreedInSessionId: s.id,
            };
      const draft = startRecord(
        {
          recordId: recordIdFor(kind, { sessionId: s.id, arrangementId: a.id }),
          kind,
          templateId: kind === 'group' ? 'group' : 'individual-questions',
          arrangementId: a.id,
          sessionId: s.id,
          sessionStart: s.start,
        },
        sessionContent(a, n, [...carried, ...(open ? [open] : [])]),
        a.supervisor.id,
        addMinutes(s.end, 30),
      );
      const signers = s.id === unsignedId ? everyone.filter((p) => p.id === a.supervisor.id) : everyone;
      out.records.push(sendAndSign(draft, everyone, signers, addMinutes(s.end, 60)));

      // (d) A decision about a child from the latest session, never confirmed on the case system.
      if (plan.case === 'overdue-decision' && !next) {
        out.decisions.push({
          id: `${s.id}.decision-1`,
          sessionId: s.id,
          arrangementId: a.id,
          decidedById: a.supervisor.id,
          decidedAt: addMinutes(s.end, -10),
          childReference: 'J.S.',
          concerns: 'Attendance has dropped again; agreed the plan needs updating.',
          actions: [{ text: 'Update the child’s plan with the new attendance support', timescale: 'Within a week' }],
          referredToManager: false,
          chronologyEntry: true,
          caseSystem: 'CPOMS',
        });
      }
      // An earlier decision in the group, confirmed the same afternoon: how it should look.
      if (plan.case === 'on-track' && n === held.length - 2) {
        out.decisions.push({
          id: `${s.id}.decision-1`,
          sessionId: s.id,
          arrangementId: a.id,
          decidedById: a.supervisor.id,
          decidedAt: addMinutes(s.end, -15),
          childReference: 'A.K.',
          concerns: 'Early Help plan reviewed; agreed a referral to the school nurse.',
          actions: [{ text: 'Refer to the school nurse', timescale: 'By Friday' }],
          referredToManager: false,
          chronologyEntry: true,
          caseSystem: 'CPOMS',
          enteredOnCaseSystem: { reference: 'CP-2041', at: addMinutes(s.end, 150), byId: a.supervisor.id },
        });
      }
    });

    // (c) No contract for this one; the others signed at the first session and re-signed at the annual review.
    if (plan.case === 'no-contract') continue;
    const first = held[0] as Session;
    const contractId = recordIdFor('contract', { arrangementId: a.id });
    const v1Draft = startRecord(
      { recordId: contractId, kind: 'contract', templateId: 'contract', arrangementId: a.id, sessionId: first.id, sessionStart: first.start },
      contractContent(a, instantToLondon(first.start).date),
      a.supervisor.id,
      addMinutes(first.end, 45),
    );
    const v1 = sendAndSign(v1Draft, everyone, everyone, addMinutes(first.end, 50));
    out.records.push(v1);
    // Reviewed at the first session at least nine months on, so the next review is months away whatever today is.
    const review = held.find((s) => instantToLondon(s.start).date >= addMonths(instantToLondon(first.start).date, 9));
    if (review) {
      const changed = editRecord(v1, contractContent(a, instantToLondon(review.start).date), a.supervisor.id, addMinutes(review.end, 45)).record;
      const v2Draft: RecordVersion = { ...changed, sessionId: review.id, sessionStart: review.start };
      out.records.push(sendAndSign(v2Draft, everyone, everyone, addMinutes(review.end, 50)));
    }
  }
  return out;
}

/** Creates every item of the history: idempotent by key (an item already there is left as it is). */
export async function writeDemoHistory(store: RecordStorePort, history: DemoHistory): Promise<void> {
  const records = createRecordRepository(store);
  const fail = (what: string) => (r: unknown) => {
    if (r instanceof Error) throw new Error(`Demo history: could not write ${what}: ${r.message}`);
  };
  // Records first, sessions last: the sessions mark the history as written.
  for (let i = 0; i < history.records.length; i += 10) await Promise.all(history.records.slice(i, i + 10).map((r) => records.create(r)));
  const decisions = createDecisionRepository(store);
  await Promise.all(history.decisions.map((d) => decisions.create(d)));
  const arrangements = createArrangementRepository(store);
  for (const a of history.arrangements) {
    const stored = await arrangements.get(a.id);
    if (stored && stored.value.startDate > a.startDate) await arrangements.update(stored, { ...stored.value, startDate: a.startDate });
  }
  (await createSessionRepository(store).createMany(history.sessions)).forEach(fail('a session'));
}

/**
 * Gives the demo school its history as of `now`, once: nothing is written when the demo arrangements
 * already have a demo-history session. Returns what was written (nothing the second time).
 */
export async function seedDemoHistory(input: { store: RecordStorePort; now: IsoInstant; calendar?: WorkingCalendar }): Promise<DemoHistory> {
  const { store, now } = input;
  const none: DemoHistory = { sessions: [], records: [], decisions: [], arrangements: [] };
  const arrangements = (await createArrangementRepository(store).list()).map((s) => s.value);
  const existing = (await createSessionRepository(store).listForArrangements(arrangements.map((a) => a.id))).map((s) => s.value);
  if (existing.some((s) => s.eventId.startsWith(DEMO_HISTORY_PREFIX))) return none;
  const calendar = input.calendar ?? (await currentCalendar(createSchoolCalendarRepository(store))).working;
  const history = planDemoHistory({ now, calendar, arrangements, existing });
  await writeDemoHistory(store, history);
  return history;
}

/** The demo trust's two fictional schools: Oakfield Academy (the emulator's demo school) and Riverside Primary. */
export const DEMO_SCHOOLS = [
  { id: 'oakfield-academy', name: 'Oakfield Academy' },
  { id: 'riverside-primary', name: 'Riverside Primary' },
] as const;

// Which school each demo arrangement belongs to (supervisor → supervisee): each school has something to catch.
const DEMO_SCHOOL_OF: readonly { supervisorId: string; superviseeId: string; schoolId: (typeof DEMO_SCHOOLS)[number]['id'] }[] = [
  { supervisorId: RACHEL, superviseeId: DANIEL, schoolId: 'oakfield-academy' },
  { supervisorId: DANIEL, superviseeId: HANNAH, schoolId: 'oakfield-academy' },
  { supervisorId: DANIEL, superviseeId: MARCUS, schoolId: 'oakfield-academy' },
  { supervisorId: HANNAH, superviseeId: SOPHIE, schoolId: 'riverside-primary' },
  { supervisorId: GRACE, superviseeId: LIAM, schoolId: 'riverside-primary' },
];

/**
 * Gives the demo trust its two schools and puts each demo arrangement in one, as the safeguarding admin
 * would (through the use cases, so it is audited and the dashboard sees it at once). Once: nothing happens
 * when schools were ever saved. Returns how many arrangements were placed.
 */
export async function seedDemoSchools(useCases: Pick<UseCases, 'listSchools' | 'saveSchools' | 'listArrangements' | 'updateArrangement'>): Promise<number> {
  const caller = { id: PRIYA, roles: ['Safeguarding.Admin' as const] };
  const current = await useCases.listSchools({ caller });
  if (!current.ok || current.value.version !== 'none') return 0;
  const saved = await useCases.saveSchools({ caller, schools: DEMO_SCHOOLS.map((s) => ({ ...s })), version: current.value.version });
  if (!saved.ok) throw new Error(`Demo schools refused: ${saved.refusal.message}`);
  const list = await useCases.listArrangements({ caller });
  let placed = 0;
  for (const a of list.ok ? list.value : []) {
    const where = DEMO_SCHOOL_OF.find((p) => a.supervisor.id === p.supervisorId && a.supervisees.some((s) => s.id === p.superviseeId));
    if (!where || a.schoolId === where.schoolId) continue;
    const moved = await useCases.updateArrangement({ caller, arrangementId: a.id, changes: { schoolId: where.schoolId } });
    if (!moved.ok) throw new Error(`Demo arrangement not placed in its school: ${moved.refusal.message}`);
    placed++;
  }
  return placed;
}
