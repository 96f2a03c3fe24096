import type { Arrangement } from './arrangement.js';

type Who = Pick<Arrangement, 'supervisor' | 'supervisees' | 'format'>;

const sameSupervisees = (a: Who, b: Who) => a.supervisees.length === b.supervisees.length && a.supervisees.every((s) => b.supervisees.some((t) => t.id === s.id));

/**
 * The active arrangement that already has this supervisor, these supervisees and this format, if any: a
 * second one would book every session twice (two meetings each half term) and count the same people twice.
 */
export function duplicateOf<A extends Who & Pick<Arrangement, 'status'>>(existing: readonly A[], candidate: Who): A | undefined {
  return existing.find((a) => a.status === 'active' && a.format === candidate.format && a.supervisor.id === candidate.supervisor.id && sameSupervisees(a, candidate));
}
