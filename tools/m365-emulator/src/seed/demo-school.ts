// A fictional demo school. Every person here is invented; no real names, addresses or cases.

import type { UserRecord } from '../store/user-record.js';

export const DEMO_TENANT_ID = '7c1f3b52-5d0e-4c7a-9a51-0a0e5c0f5c01';
export const DEMO_DOMAIN = 'oakfield.example';

export type DemoRole = 'safeguarding-admin' | 'dsl' | 'deputy-dsl' | 'head-of-year' | 'senco' | 'teaching-assistant' | 'principal' | 'auditor';

/** The app roles an IT lead would assign each demo person in Entra (aad.manifest.json appRoles). */
export const DEMO_APP_ROLES: Record<DemoRole, string[]> = {
  'safeguarding-admin': ['Safeguarding.Admin'],
  dsl: ['Safeguarding.Lead'],
  'deputy-dsl': ['Safeguarding.Lead'],
  'head-of-year': [],
  senco: [],
  'teaching-assistant': [],
  principal: ['Safeguarding.Oversight'],
  auditor: ['Safeguarding.Auditor'],
};

export interface DemoUser extends UserRecord {
  role: DemoRole;
}

const user = (id: string, givenName: string, surname: string, jobTitle: string, department: string, role: DemoRole, managerId?: string): DemoUser => {
  const upn = `${givenName}.${surname}`.toLowerCase().replace(/[^a-z.]/g, '') + `@${DEMO_DOMAIN}`;
  return {
    id,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    jobTitle,
    department,
    mail: upn,
    userPrincipalName: upn,
    role,
    ...(managerId ? { managerId } : {}),
  };
};

export const PRINCIPAL_ID = 'a1000000-0000-4000-8000-000000000009';
export const DSL_ID = 'a1000000-0000-4000-8000-000000000002';
export const AUDITOR_ID = 'a1000000-0000-4000-8000-000000000010';

export const DEMO_USERS: readonly DemoUser[] = [
  user('a1000000-0000-4000-8000-000000000001', 'Priya', 'Shah', 'Safeguarding Administrator', 'Safeguarding', 'safeguarding-admin', DSL_ID),
  user(DSL_ID, 'Daniel', 'Okafor', 'Designated Safeguarding Lead', 'Safeguarding', 'dsl', PRINCIPAL_ID),
  user('a1000000-0000-4000-8000-000000000003', 'Hannah', 'Whitcombe', 'Deputy Designated Safeguarding Lead', 'Safeguarding', 'deputy-dsl', DSL_ID),
  user('a1000000-0000-4000-8000-000000000004', 'Marcus', 'Bell', 'Deputy Designated Safeguarding Lead', 'Safeguarding', 'deputy-dsl', DSL_ID),
  user('a1000000-0000-4000-8000-000000000005', 'Sophie', 'Lindqvist', 'Head of Year 9', 'Pastoral', 'head-of-year', DSL_ID),
  user('a1000000-0000-4000-8000-000000000006', 'Tom', 'Adeyemi', 'Head of Year 11', 'Pastoral', 'head-of-year', DSL_ID),
  user('a1000000-0000-4000-8000-000000000007', 'Grace', 'Mwangi', 'SENCO', 'Inclusion', 'senco', DSL_ID),
  user('a1000000-0000-4000-8000-000000000008', 'Liam', 'Doherty', 'Teaching Assistant', 'Inclusion', 'teaching-assistant', 'a1000000-0000-4000-8000-000000000007'),
  user(PRINCIPAL_ID, 'Rachel', 'Fairbrother', 'Principal', 'Leadership', 'principal'),
  user(AUDITOR_ID, 'Noah', 'Pritchard', 'Trust Safeguarding Auditor', 'Trust office', 'auditor'),
];

export const ADMIN_ID = 'a1000000-0000-4000-8000-000000000001';
