// Finds out whether the tab runs inside Teams / Outlook / the Microsoft 365 app by initialising
// TeamsJS with a short timeout. TeamsJS is loaded only when the window could be hosted at all, so a
// plain browser never downloads it.

import type * as TeamsJs from '@microsoft/teams-js';
import { mightBeHosted } from './might-be-hosted.js';
import type { HostInfo } from './sign-in-path.js';
import { themeNameFromHost, type ThemeName } from './theme-name.js';
import { withTimeout } from './with-timeout.js';

export type TeamsSdk = typeof TeamsJs;

export type HostDetection =
  | { readonly info: { readonly hosted: false } }
  | {
      readonly info: Extract<HostInfo, { hosted: true }>;
      readonly teams: TeamsSdk;
      readonly theme: ThemeName;
    };

/** Long enough for a slow desktop client to answer, short enough that a stray iframe does not hang. */
export const HOST_INIT_TIMEOUT_MS = 4000;

export async function detectHost(timeoutMs = HOST_INIT_TIMEOUT_MS): Promise<HostDetection> {
  if (!mightBeHosted(window)) return { info: { hosted: false } };

  const teams = await import('@microsoft/teams-js');
  try {
    await withTimeout(teams.app.initialize(), timeoutMs, 'app.initialize');
  } catch {
    // No host answered (or it answered with a refusal): run as a plain web page.
    return { info: { hosted: false } };
  }

  const naaRecommended = safely(() => teams.nestedAppAuth.isNAAChannelRecommended(), false);
  const context = await withTimeout(teams.app.getContext(), timeoutMs, 'app.getContext').catch(() => undefined);
  // Tell the host the tab has loaded so it removes its loading indicator.
  void teams.app.notifySuccess().catch(() => undefined);

  return {
    info: { hosted: true, naaRecommended },
    teams,
    theme: themeNameFromHost(context?.app.theme),
  };
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
