import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id made from what identifies a request, so the same request always makes the same item:
 * the list's unique key then turns a repeat (Teams sending a message again, a retry after a lost answer)
 * into the item the first one made. `kind` keeps ids of different things apart.
 */
export function idFor(kind: string, ...parts: readonly string[]): string {
  const h = createHash('sha256')
    .update([kind, ...parts].join('\n'))
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
