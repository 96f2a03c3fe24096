import type { Outcome } from '../../use-case.js';
import type { Reply } from '../api/operation.js';

/** A use case's value as the reply body (the operation's success status). */
export function reply<T>(outcome: Outcome<T>, shape: (value: T) => Omit<Reply, 'body'> & { body?: unknown } = () => ({})): Outcome<Reply> {
  if (!outcome.ok) return outcome;
  const extra = shape(outcome.value);
  return { ok: true, value: { body: outcome.value, ...extra } };
}
