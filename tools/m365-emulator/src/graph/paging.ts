import type { EmuRequest } from '../http/types.js';

/** `$skiptoken` is opaque to clients; here it is the offset into a stable ordering. */
export function readOffset(req: EmuRequest): number {
  const token = req.query.get('$skiptoken');
  if (!token) return 0;
  const n = Number(Buffer.from(token, 'base64url').toString('utf8'));
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export function readTop(req: EmuRequest, fallback: number, max: number): number | 'invalid' {
  const raw = req.query.get('$top');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) return 'invalid';
  return Math.min(n, max);
}

/** Absolute `@odata.nextLink` on the emulator's own origin, keeping the caller's other query options. */
export function nextLink(graphRoot: string, req: EmuRequest, top: number, nextOffset: number): string {
  const query = new URLSearchParams(req.query);
  query.set('$top', String(top));
  query.set('$skiptoken', Buffer.from(String(nextOffset), 'utf8').toString('base64url'));
  return `${graphRoot}${req.path.replace(/^\//, '')}?${query.toString()}`;
}

export function page<T>(all: readonly T[], req: EmuRequest, graphRoot: string, top: number): { value: T[]; '@odata.nextLink'?: string } {
  const offset = readOffset(req);
  const value = all.slice(offset, offset + top);
  const end = offset + value.length;
  return end < all.length ? { value, '@odata.nextLink': nextLink(graphRoot, req, top, end) } : { value };
}

export function applySelect<T extends object>(item: T, req: EmuRequest, always: readonly string[] = ['id']): Partial<T> {
  const select = req.query.get('$select');
  if (!select) return item;
  const wanted = new Set([
    ...select
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    ...always,
  ]);
  const result: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (wanted.has(k) || k.startsWith('@odata')) result[k] = v;
  return result as Partial<T>;
}
