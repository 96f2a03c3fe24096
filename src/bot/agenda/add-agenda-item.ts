import { randomUUID } from 'node:crypto';
import type { Caller } from '../../shared/access/app-roles.js';
import { agendaItemText, DEFAULT_AGENDA_TEMPLATE, DEFAULT_SECTION_ID, numberedItems, type AgendaItem, type AgendaView } from '../../shared/agenda/agenda.js';
import { looksLikeChildName } from '../../shared/agenda/child-name.js';
import { partiesOf } from '../../shared/arrangements/arrangement.js';
import { InvalidInputError } from '../../shared/errors/invalid-input.js';
import { audited } from '../audit/audited.js';
import type { AppPorts } from '../ports.js';
import { idFor } from '../storage/id-for.js';
import { done, invalid, refuse, type Outcome } from '../use-case.js';
import { loadAgendaSession } from './agenda-access.js';
import { loadAgendaView } from './agenda-view.js';
import { publishAgendaLater } from './publish-agenda.js';
import { upcomingSessionsOf, type UpcomingSession } from './upcoming-sessions.js';

/** More than this on one agenda is almost certainly a mistake (or a script). */
export const MAX_ITEMS_PER_SESSION = 50;

export type AddedItem =
  | { kind: 'added'; item: AgendaItem; number: number; view: AgendaView; namesAChild: boolean }
  | { kind: 'choose-session'; itemText: string; sessions: { sessionId: string; start: string; withNames: string[] }[] };

export interface AddItemInput {
  caller: Caller;
  /** Absent from chat: the caller's next session, or a question when they have several arrangements. */
  sessionId?: string | undefined;
  text: unknown;
  sectionId?: string | undefined;
  /** The card the item was added from: Teams updates it with the answer, so it is not updated again. */
  fromActivityId?: string | undefined;
  /** The id of the Teams activity that asked: Teams sends it again if the answer is slow, and that adds nothing more. */
  requestId?: string | undefined;
}

type Deps = Pick<
  AppPorts,
  'arrangements' | 'sessions' | 'agendaItems' | 'postedCards' | 'messenger' | 'conversations' | 'settings' | 'clock' | 'audit' | 'afterwards' | 'records' | 'compliance'
>;

/** Adds an item to a session's agenda (the caller's own), then updates every agenda card already posted. */
export async function addAgendaItem(deps: Deps, input: AddItemInput): Promise<Outcome<AddedItem>> {
  const { caller } = input;
  let text: string;
  try {
    text = agendaItemText(input.text);
  } catch (e) {
    if (e instanceof InvalidInputError) return audited(deps.audit, caller, 'agenda.add', input.sessionId ?? '-', invalid([{ field: e.field, message: e.message }]));
    throw e;
  }
  const now = deps.clock.now();
  let sessionId = input.sessionId;
  let upcomingOne: UpcomingSession | undefined;
  if (!sessionId) {
    const upcoming = await upcomingSessionsOf(deps, caller.id, now);
    upcomingOne = upcoming[0];
    if (upcoming.length === 0)
      return refuse('not-found', 'no_upcoming_session', 'You have no upcoming supervision session to add this to. When your sessions are booked, try again.');
    if (upcoming.length > 1) {
      return done({
        kind: 'choose-session',
        itemText: text,
        sessions: upcoming.map((u) => ({
          sessionId: u.session.id,
          start: u.session.start,
          withNames: partiesOf(u.arrangement)
            .filter((p) => p.id !== caller.id)
            .map((p) => p.displayName),
        })),
      });
    }
    sessionId = upcoming[0]?.session.id as string;
  }
  // The caller's own next session, already checked (a party, booked, not over), needs no second read.
  const loaded = input.sessionId ? await loadAgendaSession(deps, caller, sessionId, now) : undefined;
  if (loaded && !loaded.ok) return audited(deps.audit, caller, 'agenda.add', sessionId, loaded);
  const { session, arrangement } = loaded ? { session: loaded.session.value, arrangement: loaded.arrangement } : (upcomingOne as UpcomingSession);
  const template = deps.settings.agendaTemplate ?? DEFAULT_AGENDA_TEMPLATE;
  if (input.sectionId !== undefined && !template.some((s) => s.id === input.sectionId))
    return audited(
      deps.audit,
      caller,
      'agenda.add',
      sessionId,
      invalid([{ field: 'sectionId', message: 'That agenda section does not exist. Choose one of the sections on the card.' }]),
    );
  const existing = await deps.agendaItems.listForSession(sessionId);
  if (existing.length >= MAX_ITEMS_PER_SESSION)
    return audited(
      deps.audit,
      caller,
      'agenda.add',
      sessionId,
      refuse('conflict', 'agenda_full', `This agenda already has ${MAX_ITEMS_PER_SESSION} items. Remove some before adding more.`),
    );
  const me = partiesOf(arrangement).find((p) => p.id === caller.id);
  const asked: AgendaItem = {
    id: input.requestId ? idFor('agenda-item', caller.id, input.requestId) : randomUUID(),
    sessionId,
    sectionId: input.sectionId ?? DEFAULT_SECTION_ID,
    text,
    addedById: caller.id,
    addedByName: me?.displayName ?? 'Unknown',
    addedAt: now,
  };
  // A repeated request finds the item its first delivery made, and answers as that one did.
  const item = (await deps.agendaItems.create(asked)).value;
  const view = await loadAgendaView(deps, session, arrangement, [...existing.map((i) => i.value).filter((i) => i.id !== item.id), item]);
  publishAgendaLater(deps, session, arrangement, { activityId: input.fromActivityId });
  const number = numberedItems(view).findIndex((i) => i.id === item.id) + 1;
  // The text is never audited or logged: it may hold case detail.
  return audited(
    deps.audit,
    caller,
    'agenda.add',
    sessionId,
    done({ kind: 'added', item, number, view, namesAChild: looksLikeChildName(text) }),
    () => `section ${item.sectionId}`,
  );
}
