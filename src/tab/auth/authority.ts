/**
 * The MSAL authority for a single-tenant app: `<authorityHost>/<tenantId>`, e.g.
 * `https://login.microsoftonline.com/7c1f…`. Tolerates a trailing slash or a missing scheme.
 */
export function authorityUrl(authorityHost: string, tenantId: string): string {
  const host = authorityHost.trim().replace(/\/+$/, '');
  const withScheme = /^https?:\/\//i.test(host) ? host : `https://${host}`;
  return `${withScheme}/${encodeURIComponent(tenantId.trim())}`;
}
