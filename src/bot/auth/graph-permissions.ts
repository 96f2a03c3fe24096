/**
 * The one declared list of permissions the app asks a school's tenant for.
 *
 * Every entry here must also appear, with the same type, in `aad.manifest.json` (the Entra app
 * registration the Agents Toolkit applies) and in the permission table of `docs/deploy.md`;
 * `tests/unit/deploy/permissions.test.ts` fails when the three disagree. Adding a Graph call that
 * needs a new permission therefore means adding it here, saying why, and documenting it for the
 * IT lead who has to consent to it. Keep to least privilege: `Sites.Selected`, never
 * `Sites.ReadWrite.All`; `User.Read.All`, never `Directory.Read.All`; no `Mail.*` (Outlook sends the
 * meeting requests itself when an event with attendees is created).
 */

/** `Application`: app-only, granted by admin consent. `Delegated`: on behalf of the signed-in user. */
export type PermissionType = 'Application' | 'Delegated';

/** Microsoft Graph, or the API this app exposes itself (`api://<domain>/<client id>`). */
export type PermissionResource = 'Microsoft Graph' | 'This app';

export interface DeclaredPermission {
  permission: string;
  type: PermissionType;
  resource: PermissionResource;
  /** One line an IT lead can read before consenting. */
  why: string;
}

/** The delegated scope the app exposes; Teams, Outlook and the Microsoft 365 app get tokens for it. */
export const ACCESS_AS_USER_SCOPE = 'access_as_user';

export const APP_PERMISSIONS: readonly DeclaredPermission[] = [
  {
    permission: 'Sites.Selected',
    type: 'Application',
    resource: 'Microsoft Graph',
    why: 'Read and write the supervision lists in the one restricted SharePoint site the admin grants it (write on that site only; no other site is reachable).',
  },
  {
    permission: 'User.Read.All',
    type: 'Application',
    resource: 'Microsoft Graph',
    why: "Look up staff (name, job title, email) and each person's manager, to pair supervisors with supervisees and escalate missed supervision to the line manager.",
  },
  {
    permission: 'Calendars.ReadWrite',
    type: 'Application',
    resource: 'Microsoft Graph',
    why: 'Book, move and cancel supervision meetings (and read free/busy) in the safeguarding mailbox; restrict it to that mailbox with Exchange RBAC for Applications.',
  },
  {
    permission: 'User.Read',
    type: 'Delegated',
    resource: 'Microsoft Graph',
    why: 'Sign the user in and read their own basic profile when the tab opens.',
  },
  {
    permission: 'openid',
    type: 'Delegated',
    resource: 'Microsoft Graph',
    why: 'Sign the user in with OpenID Connect.',
  },
  {
    permission: 'profile',
    type: 'Delegated',
    resource: 'Microsoft Graph',
    why: "Show the signed-in user's name in the tab.",
  },
  {
    permission: 'offline_access',
    type: 'Delegated',
    resource: 'Microsoft Graph',
    why: 'Keep the tab signed in without asking again while it is open (refresh tokens held by MSAL in the browser).',
  },
  {
    permission: ACCESS_AS_USER_SCOPE,
    type: 'Delegated',
    resource: 'This app',
    why: "Let Teams, Outlook and the Microsoft 365 app call the app's own API as the signed-in user (single sign-on); the server checks this token on every request.",
  },
];

/** The Microsoft Graph application permissions, as the server's app-only token carries them in `roles`. */
export const GRAPH_APPLICATION_PERMISSIONS: readonly string[] = APP_PERMISSIONS.filter((p) => p.resource === 'Microsoft Graph' && p.type === 'Application').map(
  (p) => p.permission,
);

/** The Microsoft Graph delegated scopes the tab's sign-in asks for. */
export const GRAPH_DELEGATED_SCOPES: readonly string[] = APP_PERMISSIONS.filter((p) => p.resource === 'Microsoft Graph' && p.type === 'Delegated').map((p) => p.permission);
