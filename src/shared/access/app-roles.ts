/**
 * Microsoft Entra app roles (aad.manifest.json `appRoles`), read from the validated token's `roles`
 * claim. A school's IT lead assigns them in Entra (Enterprise applications → Users and groups).
 * Supervisor and supervisee are not app roles: they come from arrangements.
 */
export const APP_ROLES = ['Safeguarding.Admin', 'Safeguarding.Lead', 'Safeguarding.Oversight', 'Safeguarding.Auditor'] as const;
export type AppRole = (typeof APP_ROLES)[number];

export const APP_ROLE_DESCRIPTIONS: Record<AppRole, { displayName: string; description: string }> = {
  'Safeguarding.Admin': {
    displayName: 'Safeguarding admin',
    description: 'Keeps the school year and the supervision arrangements, and books sessions for everyone.',
  },
  'Safeguarding.Lead': {
    displayName: 'Designated safeguarding lead or deputy',
    description: 'Sees and manages every arrangement and session in the school, and books sessions.',
  },
  'Safeguarding.Oversight': {
    displayName: 'Oversight (principal, trust safeguarding lead)',
    description: 'Sees every arrangement and session; changes nothing.',
  },
  'Safeguarding.Auditor': {
    displayName: 'Auditor',
    description: 'Inspectors and investigating officers: logged, time-limited read access granted per inspection.',
  },
};

export function isAppRole(value: string): value is AppRole {
  return (APP_ROLES as readonly string[]).includes(value);
}

/** The signed-in person as the rules see them: their Entra object id and app roles. */
export interface Caller {
  id: string;
  roles: readonly AppRole[];
}
