// Defaults for the local emulator. None of these are secrets: they only work against 127.0.0.1.

/** The app registration the server uses locally (client credentials). */
export const LOCAL_CLIENT_ID = '5a7e9a3c-0000-4000-8000-00000000a001';
export const LOCAL_CLIENT_SECRET = 'local-dev-secret-not-for-production';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

/** Application permissions granted to the local app (the `roles` claim of its app-only token). */
export const LOCAL_APP_ROLES: readonly string[] = ['User.Read.All', 'Calendars.ReadWrite', 'Sites.Selected'];

export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
  displayName: string;
  roles: readonly string[];
}

export const DEFAULT_APPS: readonly RegisteredApp[] = [
  { clientId: LOCAL_CLIENT_ID, clientSecret: LOCAL_CLIENT_SECRET, displayName: 'Safeguarding Supervision (local)', roles: LOCAL_APP_ROLES },
];

export const TOKEN_LIFETIME_SECONDS = 3600;
