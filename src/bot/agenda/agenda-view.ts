import { buildAgendaView, DEFAULT_AGENDA_TEMPLATE, type AgendaItem, type AgendaView } from '../../shared/agenda/agenda.js';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { Session } from '../../shared/sessions/session.js';
import type { AppPorts } from '../ports.js';

/** The agenda of one session as every card shows it: the school's sections, the items, open actions. */
export async function loadAgendaView(
  deps: Pick<AppPorts, 'agendaItems' | 'settings'>,
  session: Session,
  arrangement: Arrangement,
  /** The session's items when the caller has just read them. */
  known?: readonly AgendaItem[],
): Promise<AgendaView> {
  const items = known ?? (await deps.agendaItems.listForSession(session.id)).map((i) => i.value);
  return buildAgendaView({
    session: { id: session.id, start: session.start, end: session.end, windowLabel: session.windowLabel },
    supervisorName: arrangement.supervisor.displayName,
    superviseeNames: arrangement.supervisees.map((s) => s.displayName),
    template: deps.settings.agendaTemplate ?? DEFAULT_AGENDA_TEMPLATE,
    items,
    // Actions are written in signed records; until a session has one there are none to carry over.
    openActions: [],
  });
}
