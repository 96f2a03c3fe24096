// Words for sessions, shared by My supervision, Everyone's sessions and the Session screen.
import type { PostponementReason as ServerReason } from '../../../shared/sessions/session.js';
import { POSTPONEMENT_REASONS, type SessionView } from '../../api/operations/sessions.js';

// The tab keeps its own copy of the reasons (the shared module brings zod with it); the compiler
// checks the two lists are the same.
const sameReasons: readonly ServerReason[] = POSTPONEMENT_REASONS;
void sameReasons;

export const POSTPONEMENT_REASON_TEXT = {
  illness: 'Illness or absence',
  unavailable: 'A party is unavailable',
  'school-event': 'A school event or emergency',
  clash: 'A clash in the calendar',
  other: 'Another reason',
} as const satisfies Record<ServerReason, string>;

export function reasonText(reason: string): string {
  return (POSTPONEMENT_REASON_TEXT as Record<string, string>)[reason] ?? reason;
}

export type BadgeColor = 'brand' | 'success' | 'danger' | 'warning' | 'informative' | 'subtle';

/** The session's state in words, with a badge colour that only repeats what the words say. */
export function sessionStatus(view: Pick<SessionView, 'session'>): { label: string; color: BadgeColor }[] {
  const { status, postponements } = view.session;
  const out: { label: string; color: BadgeColor }[] = [];
  if (status === 'booked') out.push({ label: 'Booked', color: 'brand' });
  if (status === 'held') out.push({ label: 'Held', color: 'success' });
  if (status === 'cancelled') out.push({ label: 'Cancelled', color: 'danger' });
  if (postponements.length > 0) out.push({ label: postponements.length === 1 ? 'Postponed once' : `Postponed ${postponements.length} times`, color: 'warning' });
  return out;
}

/** "Hannah Whitcombe with Sophie Lindqvist, Tom Adeyemi and Grace Mwangi". */
export function peopleText(arrangement: Pick<SessionView['arrangement'], 'supervisor' | 'supervisees'>): string {
  return `${arrangement.supervisor.displayName} with ${listText(arrangement.supervisees.map((s) => s.displayName))}`;
}

export function listText(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export const MY_PART_TEXT: Record<SessionView['myPart'], string> = {
  supervisor: 'You supervise',
  supervisee: 'You are supervised',
  oversight: 'Oversight',
};

/** Upcoming (not yet ended, soonest first) and past (ended, latest first). */
export function splitByTime<T extends Pick<SessionView, 'session'>>(sessions: readonly T[], nowMs: number): { upcoming: T[]; past: T[] } {
  const upcoming: T[] = [];
  const past: T[] = [];
  for (const s of sessions) (Date.parse(s.session.end) > nowMs ? upcoming : past).push(s);
  upcoming.sort((a, b) => Date.parse(a.session.start) - Date.parse(b.session.start));
  past.sort((a, b) => Date.parse(b.session.start) - Date.parse(a.session.start));
  return { upcoming, past };
}

/** Sessions grouped by arrangement, each group in time order, groups by their first session. */
export function groupByArrangement<T extends Pick<SessionView, 'session' | 'arrangement'>>(sessions: readonly T[]): { arrangement: T['arrangement']; sessions: T[] }[] {
  type Group = { arrangement: T['arrangement']; sessions: T[] };
  const groups = new Map<string, Group>();
  for (const s of sessions) {
    const group: Group = groups.get(s.arrangement.id) ?? { arrangement: s.arrangement, sessions: [] };
    group.sessions.push(s);
    groups.set(s.arrangement.id, group);
  }
  const out = [...groups.values()];
  for (const g of out) g.sessions.sort((a, b) => Date.parse(a.session.start) - Date.parse(b.session.start));
  return out.sort((a, b) => peopleText(a.arrangement).localeCompare(peopleText(b.arrangement), 'en-GB'));
}

export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
