import type { Caller } from '../../shared/access/app-roles.js';
import { canWriteRecord } from '../../shared/access/records.js';
import { CARRIES_ACTIONS, openActionsBefore } from '../../shared/records/open-actions.js';
import { recordIdFor, type AgreedAction, type RecordKind, type RecordVersion } from '../../shared/records/record.js';
import { startRecord as startVersion } from '../../shared/records/sign-off.js';
import { audited } from '../audit/audited.js';
import type { AppPorts, Stored } from '../ports.js';
import { loadSession } from '../sessions/load-session.js';
import { done, refuse, type Outcome } from '../use-case.js';
import { templateFor, type RecordDeps } from './record-context.js';
import { recordView, type RecordView } from './record-view.js';

/**
 * Starts the session's record of a kind as a draft (or returns the one already started): the supervisor
 * only. A new session record brings in the actions still open from the last one.
 */
export async function startRecord(
  deps: RecordDeps & Pick<AppPorts, 'sessions'>,
  input: { caller: Caller; sessionId: string; kind: RecordKind },
): Promise<Outcome<{ created: boolean; view: RecordView }>> {
  const { caller } = input;
  const loaded = await loadSession(deps, caller, input.sessionId, (c, a) => canWriteRecord(c, { arrangement: a, kind: input.kind }));
  if (!loaded.ok) return audited(deps.audit, caller, 'record.start', input.sessionId, loaded);
  const { arrangement } = loaded;
  const session = loaded.session.value;
  if (input.kind === 'group' && arrangement.format !== 'group')
    return audited(
      deps.audit,
      caller,
      'record.start',
      input.sessionId,
      refuse('invalid', 'wrong_kind', 'This is an individual arrangement: write a supervision record, not a group record.', { field: 'kind' }),
    );
  if (input.kind === 'individual' && arrangement.format === 'group')
    return audited(
      deps.audit,
      caller,
      'record.start',
      input.sessionId,
      refuse('invalid', 'wrong_kind', 'This is a group arrangement: write a group supervision record.', { field: 'kind' }),
    );
  // seed 000 Appendix 6: a wellbeing record is seen by the two parties and the DSL only; in a group every
  // supervisee is a party, so it would reach the whole group.
  if (input.kind === 'wellbeing' && arrangement.format === 'group')
    return audited(
      deps.audit,
      caller,
      'record.start',
      input.sessionId,
      refuse('invalid', 'wrong_kind', 'A wellbeing record is about one person’s own welfare and is not kept with a group: record it in an individual session with that person.', {
        field: 'kind',
      }),
    );
  if (session.status === 'cancelled')
    return audited(deps.audit, caller, 'record.start', input.sessionId, refuse('conflict', 'session_cancelled', 'This session was cancelled: there is nothing to record.'));

  const recordId = recordIdFor(input.kind, { sessionId: session.id, arrangementId: arrangement.id });
  const existing = await deps.records.listVersions(recordId);
  const template = templateFor(deps.settings, input.kind, existing.at(-1)?.value.templateId);
  if (existing.length > 0) {
    const latest = existing.at(-1) as Stored<RecordVersion>;
    const view = recordView(
      caller,
      existing.map((v) => v.value),
      latest.value,
      template,
      arrangement,
      session,
      deps.links,
    );
    return audited(deps.audit, caller, 'record.start', recordId, done({ created: false, view }), () => 'already started');
  }
  const actions: AgreedAction[] = CARRIES_ACTIONS.includes(input.kind)
    ? openActionsBefore(
        (await deps.records.listForArrangements([arrangement.id])).map((r) => r.value),
        session.id,
        session.start,
      )
    : [];
  const now = deps.clock.now();
  const first = startVersion(
    { recordId, kind: input.kind, templateId: template.id, arrangementId: arrangement.id, sessionId: session.id, sessionStart: session.start },
    { answers: {}, actions },
    caller.id,
    now,
  );
  const stored = await deps.records.create(first);
  const view = recordView(caller, [stored.value], stored.value, template, arrangement, session, deps.links);
  return audited(deps.audit, caller, 'record.start', recordId, done({ created: true, view }), () => `${input.kind}; ${actions.length} open actions carried`);
}
