import { instantMs } from '../calendar/london-time.js';
import type { AgreedAction, RecordKind, RecordVersion } from './record.js';

/** What the rule reads of a record version. */
export type ActionsOfRecord = Pick<RecordVersion, 'kind' | 'sessionId' | 'sessionStart'> & { content: Pick<RecordVersion['content'], 'actions'> };

/** Kinds whose agreed actions carry into the next session until done (seed 003 Appendix 2 item 1; seed 000 Appendix 5). */
export const CARRIES_ACTIONS: readonly RecordKind[] = ['individual', 'group'];

/**
 * The actions still open from the most recent record of an earlier session of the arrangement (latest
 * version of each record given), each marked with the session that first agreed it.
 */
export function openActionsBefore(records: readonly ActionsOfRecord[], sessionId: string, sessionStart: string): AgreedAction[] {
  const before = instantMs(sessionStart);
  const last = records
    .filter((r) => CARRIES_ACTIONS.includes(r.kind) && r.sessionId !== undefined && r.sessionId !== sessionId && r.sessionStart !== undefined && instantMs(r.sessionStart) < before)
    .sort((a, b) => instantMs(b.sessionStart as string) - instantMs(a.sessionStart as string))[0];
  if (!last) return [];
  return last.content.actions.filter((a) => !a.done).map((a) => ({ ...a, agreedInSessionId: a.agreedInSessionId ?? last.sessionId }));
}
