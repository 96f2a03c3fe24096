// When an access token expires, read from its `exp` claim, so the tab can renew it in time. The token
// is not checked here (the server does that): this only reads the time.

/** The token's expiry in milliseconds since the epoch, or undefined when it has none the tab can read. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const claims = JSON.parse(json) as unknown;
    if (typeof claims !== 'object' || claims === null || !('exp' in claims)) return undefined;
    const exp = (claims as { exp: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
