/**
 * The one declared list of permissions the app asks a school's tenant for.
 *
 * Every entry of `APP_PERMISSIONS` must also appear, with the same type, in `aad.manifest.json` (the
 * Entra app registration the Agents Toolkit applies) and in the permission table of `docs/deploy.md`;
 * every entry of `EXCHANGE_APPLICATION_ROLES` must appear in that guide's Exchange role table and in
 * its `New-ManagementRoleAssignment` commands. `tests/unit/deploy/permissions.test.ts` fails when
 * they disagree, and when the app registration asks for more than this model needs. Adding a Graph
 * call that needs a new permission therefore means adding it here, saying why, and documenting it
 * for the IT lead who has to consent to it.
 *
 * Least privilege, and it stays least:
 * - `Sites.Selected`, never `Sites.ReadWrite.All`; `User.Read.All`, never `Directory.Read.All`; no
 *   `Mail.*` (Outlook sends the meeting requests itself when an event with attendees is created).
 * - **No `Calendars.*` permission in the app registration.** Calendar access comes only from Exchange
 *   Online RBAC for Applications: the role below, assigned to the app's service principal with a
 *   management scope that holds exactly the mailboxes sessions are booked in (the supervisors who
 *   organise their own sessions and the safeguarding mailbox). An Entra application permission for
 *   calendars reaches every mailbox in the tenant and adds to whatever Exchange grants, so requesting
 *   one would let a single "Grant admin consent" click undo the scope.
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

/**
 * An Exchange Online RBAC for Applications role the Exchange administrator assigns to the app's
 * service principal (`New-ManagementRoleAssignment -App … -Role … -CustomResourceScope …`). It is not
 * part of the app registration and cannot be granted by admin consent in Entra.
 */
export interface ExchangeApplicationRole {
  /** The built-in Exchange role, e.g. `Application Calendars.ReadWrite`. */
  role: string;
  /** The mailboxes the management scope holds. */
  scope: string;
  /** Every Graph call the app makes under this role, in words an IT lead can check. */
  covers: string;
}

/** Every Graph call under this role is addressed to an organiser mailbox (`/users/{organiser}/…`). */
export const EXCHANGE_APPLICATION_ROLES: readonly ExchangeApplicationRole[] = [
  {
    role: 'Application Calendars.ReadWrite',
    scope: 'the organiser mailboxes: every supervisor whose arrangements are booked in their own mailbox, and the safeguarding mailbox (SAFEGUARDING_MAILBOX)',
    covers:
      "booking, moving and cancelling the supervision meetings (events), free/busy of the parties asked through the organiser (calendar/getSchedule), the change-notification subscriptions on those mailboxes' events, and reading their calendar delta (calendarView/delta)",
  },
];
