import type { Caller } from '../../shared/access/app-roles.js';
import { agendaItemText, canChangeItem, numberedItems, type AgendaView } from '../../shared/agenda/agenda.js';
import { InvalidInputError } from '../../shared/errors/invalid-input.js';
import { audited } from '../audit/audited.js';
import type { AppPorts, Stored, StoredAgendaItem } from '../ports.js';
import { done, invalid, refuse, type Outcome, type Refusal } from '../use-case.js';
import { loadAgendaSession } from './agenda-access.js';
import { loadAgendaView } from './agenda-view.js';
import { publishAgendaLater } from './publish-agenda.js';
import { upcomingSessionsOf } from './upcoming-sessions.js';

type Deps = Pick<
  AppPorts,
  'arrangements' | 'sessions' | 'agendaItems' | 'postedCards' | 'messenger' | 'conversations' | 'settings' | 'clock' | 'audit' | 'afterwards' | 'records' | 'compliance'
>;

export interface ChangeItemInput {
  caller: Caller;
  /** From a card: the session and the item. From chat ("remove 2"): only the number on the next session's agenda. */
  sessionId?: string | undefined;
  itemId?: string | undefined;
  number?: number | undefined;
  fromActivityId?: string | undefined;
  /** From chat: the Teams message that asked. Teams sends a slow one again; "remove 2" twice removes one item. */
  requestId?: string | undefined;
}

const notFound = refuse('not-found', 'item_not_found', 'There is no such item on this agenda. It may have been removed already.');

/** Finds the caller's own item on a session they may change; a refusal is audited. */
async function loadItem(deps: Deps, input: ChangeItemInput, action: string) {
  const refused = async (sessionId: string, outcome: { ok: false; refusal: Refusal }) => ({
    ok: false as const,
    outcome: (await audited(deps.audit, input.caller, action, sessionId, outcome)) as { ok: false; refusal: Refusal },
  });
  const now = deps.clock.now();
  let sessionId = input.sessionId;
  if (!sessionId) {
    const upcoming = await upcomingSessionsOf(deps, input.caller.id, now);
    const next = upcoming[0];
    if (!next) return { ok: false as const, outcome: refuse('not-found', 'no_upcoming_session', 'You have no upcoming supervision session.') };
    // Each agenda is numbered from 1: with several, a bare number could be the wrong session's item.
    if (upcoming.length > 1)
      return {
        ok: false as const,
        outcome: refuse(
          'conflict',
          'which_session',
          `You have ${upcoming.length} upcoming sessions, each with its own numbered agenda, so I cannot tell which one you mean. Type agenda and use Remove beside the item on its card.`,
        ),
      };
    sessionId = next.session.id;
  }
  const loaded = await loadAgendaSession(deps, input.caller, sessionId, now);
  if (!loaded.ok) return refused(sessionId, loaded);
  let item: Stored<StoredAgendaItem> | undefined;
  if (input.itemId !== undefined) {
    item = await deps.agendaItems.get(input.itemId);
    if (item && (item.value.sessionId !== sessionId || item.value.removedAt)) item = undefined;
  } else if (input.number !== undefined) {
    const all = await deps.agendaItems.listAllForSession(sessionId);
    const already = input.requestId ? all.find((i) => i.value.removedByRequest === input.requestId) : undefined;
    if (already) return { ok: true as const, item: already, loaded, sessionId };
    const listed = all.filter((i) => !i.value.removedAt);
    const view = await loadAgendaView(
      deps,
      loaded.session.value,
      loaded.arrangement,
      listed.map((i) => i.value),
    );
    const wanted = numberedItems(view)[input.number - 1];
    item = wanted ? listed.find((i) => i.value.id === wanted.id) : undefined;
  }
  if (!item) return refused(sessionId, notFound);
  if (!canChangeItem(item.value, input.caller.id)) {
    const which = input.number ? `Item ${input.number}` : 'That item';
    return refused(sessionId, refuse('forbidden', 'not_your_item', `${which} was added by ${item.value.addedByName}: only they can change or remove it.`));
  }
  return { ok: true as const, item, loaded, sessionId };
}

/** Removes one of the caller's own items (kept in the list, marked removed) and updates the posted cards. */
export async function removeAgendaItem(deps: Deps, input: ChangeItemInput): Promise<Outcome<{ view: AgendaView }>> {
  const found = await loadItem(deps, input, 'agenda.remove');
  if (!found.ok) return found.outcome;
  if (!found.item.value.removedAt)
    await deps.agendaItems.update(found.item, {
      ...found.item.value,
      removedAt: deps.clock.now(),
      removedById: input.caller.id,
      ...(input.requestId ? { removedByRequest: input.requestId } : {}),
    });
  const view = await loadAgendaView(deps, found.loaded.session.value, found.loaded.arrangement);
  publishAgendaLater(deps, found.loaded.session.value, found.loaded.arrangement, { activityId: input.fromActivityId });
  return audited(deps.audit, input.caller, 'agenda.remove', found.sessionId, done({ view }));
}

/** Rewrites one of the caller's own items and updates the posted cards. */
export async function editAgendaItem(deps: Deps, input: ChangeItemInput & { text: unknown }): Promise<Outcome<{ view: AgendaView }>> {
  let text: string;
  try {
    text = agendaItemText(input.text);
  } catch (e) {
    if (e instanceof InvalidInputError) return audited(deps.audit, input.caller, 'agenda.edit', input.sessionId ?? '-', invalid([{ field: e.field, message: e.message }]));
    throw e;
  }
  const found = await loadItem(deps, input, 'agenda.edit');
  if (!found.ok) return found.outcome;
  await deps.agendaItems.update(found.item, { ...found.item.value, text, editedAt: deps.clock.now() });
  const view = await loadAgendaView(deps, found.loaded.session.value, found.loaded.arrangement);
  publishAgendaLater(deps, found.loaded.session.value, found.loaded.arrangement, { activityId: input.fromActivityId });
  return audited(deps.audit, input.caller, 'agenda.edit', found.sessionId, done({ view }));
}
