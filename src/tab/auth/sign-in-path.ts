// Which way the tab signs the user in, decided from where it runs and how the server is configured.
// Pure: no I/O, so every combination is unit-tested beside this file.

import type { ServerMode } from '../api/schemas.js';

/** Where the tab is running, as learned from TeamsJS. */
export type HostInfo =
  | { readonly hosted: false }
  | {
      readonly hosted: true;
      /** `nestedAppAuth.isNAAChannelRecommended()`: the host can broker MSAL tokens for us. */
      readonly naaRecommended: boolean;
    };

export type HostedSignInMethod = 'naa' | 'teams-sso';

export type SignInPath =
  /** Inside Teams / Outlook / the Microsoft 365 app: try these methods in order. */
  | { readonly kind: 'hosted'; readonly methods: readonly HostedSignInMethod[] }
  /** Local mode: pick one of the emulator's fictional demo users. */
  | { readonly kind: 'dev-picker' }
  /** A plain browser against a production server: the app only runs inside Microsoft 365. */
  | { readonly kind: 'not-hosted' };

/**
 * - Local mode always uses the emulator's demo-user picker: the server only trusts the emulator's
 *   issuer then, so an Entra token from a host would be refused anyway.
 * - Production inside a host: Nested App Authentication when the host recommends it, with Teams SSO
 *   (`authentication.getAuthToken`) as the fallback; Teams SSO alone when NAA is not offered.
 * - Production in a plain browser: no sign-in; tell the user where the app runs.
 */
export function chooseSignInPath(host: HostInfo, mode: ServerMode): SignInPath {
  if (mode === 'local') return { kind: 'dev-picker' };
  if (!host.hosted) return { kind: 'not-hosted' };
  return { kind: 'hosted', methods: host.naaRecommended ? ['naa', 'teams-sso'] : ['teams-sso'] };
}
