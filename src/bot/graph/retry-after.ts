/**
 * Milliseconds to wait from a Retry-After value: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Without one, exponential backoff, as Graph's throttling guidance asks
 * (https://learn.microsoft.com/graph/throttling).
 */
export function retryDelayMs(retryAfter: string | undefined, attempt: number, nowMs: number): number {
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 300_000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, Math.min(at - nowMs, 300_000));
  }
  return Math.min(500 * 2 ** Math.max(0, attempt - 1), 30_000);
}

export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}
