/** A directory user as the emulator stores it (a subset of Graph's user). */
export interface UserRecord {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string;
  department: string;
  mail: string;
  userPrincipalName: string;
  managerId?: string;
  /** The app's Entra app roles assigned to this user (appRoleAssignments), issued in `roles` by the dev sign-in. */
  appRoles?: string[];
}
