import { lastSignedAt } from '../../shared/records/record.js';
import type { AppPorts } from '../ports.js';
import { refuse, type Refusal } from '../use-case.js';

/**
 * A refusal when a record of the session (not the arrangement's contract) has been signed by everyone and
 * locked, now or in an earlier version: the signed record says the session took place at its time, so
 * cancelling or moving it afterwards (a stale tab, an old card) would leave the two contradicting each other.
 */
export async function refuseIfRecordSigned(
  deps: Pick<AppPorts, 'records'>,
  sessionId: string,
  action: 'cancelled' | 'moved',
): Promise<{ ok: false; refusal: Refusal } | undefined> {
  const records = await deps.records.listForSession(sessionId);
  const signed = records.some((r) => r.value.kind !== 'contract' && lastSignedAt(r.value) !== undefined);
  if (!signed) return undefined;
  return refuse(
    'conflict',
    'record_signed',
    `This session's record has been signed by everyone, so the session took place and can no longer be ${action}. Reload the session to see it as it is now.`,
  );
}
