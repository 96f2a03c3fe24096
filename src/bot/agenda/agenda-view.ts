import { buildAgendaView, DEFAULT_AGENDA_TEMPLATE, type AgendaItem, type AgendaView } from '../../shared/agenda/agenda.js';
import { partiesOf, type Arrangement } from '../../shared/arrangements/arrangement.js';
import { openActionsBefore } from '../../shared/records/open-actions.js';
import type { Session } from '../../shared/sessions/session.js';
import type { AppPorts } from '../ports.js';

/** The agenda of one session as every card shows it: the school's sections, the items, open actions. */
export async function loadAgendaView(
  deps: Pick<AppPorts, 'agendaItems' | 'settings' | 'compliance'>,
  session: Session,
  arrangement: Arrangement,
  /** The session's items when the caller has just read them. */
  known?: readonly AgendaItem[],
): Promise<AgendaView> {
  // The records come from the read model (the latest version of each): no Graph round trip for them.
  const [items, data] = await Promise.all([
    known ?? deps.agendaItems.listForSession(session.id).then((list) => list.map((i) => i.value)),
    deps.compliance.arrangementData(arrangement.id),
  ]);
  const names = new Map(partiesOf(arrangement).map((p) => [p.id, p.displayName]));
  return buildAgendaView({
    session: { id: session.id, start: session.start, end: session.end, windowLabel: session.windowLabel },
    supervisorName: arrangement.supervisor.displayName,
    superviseeNames: arrangement.supervisees.map((s) => s.displayName),
    template: deps.settings.agendaTemplate ?? DEFAULT_AGENDA_TEMPLATE,
    items,
    // Agreed in the last session's record and not yet done (seed 003 Appendix 2 item 1).
    openActions: openActionsBefore(data?.records ?? [], session.id, session.start).map((a) => ({
      text: a.text,
      ...(names.has(a.ownerId) ? { ownerName: names.get(a.ownerId) as string } : {}),
    })),
  });
}
