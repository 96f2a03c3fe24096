import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, substitutePlaceholders } from '../../../scripts/build-app-package.js';
import { ACCESS_AS_USER_SCOPE, APP_PERMISSIONS, EXCHANGE_APPLICATION_ROLES, type PermissionType } from '../../../src/bot/auth/graph-permissions.js';

/** A permission as "<name> (<Application|Delegated>)", the form all three sources are compared in. */
type Key = string;
const key = (permission: string, type: PermissionType): Key => `${permission} (${type})`;

interface AadManifest {
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  oauth2Permissions: { value: string; type: string; isEnabled: boolean }[];
  preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
  identifierUris: string[];
  signInAudience: string;
  accessTokenAcceptedVersion: number;
}

const docs = readFileSync(join(REPO_ROOT, 'docs', 'deploy.md'), 'utf8');
const aad = JSON.parse(readFileSync(join(REPO_ROOT, 'aad.manifest.json'), 'utf8')) as AadManifest;

/** The rows (trimmed cells) of the markdown table whose header row matches `header`. */
function tableRows(markdown: string, header: RegExp, what: string): string[][] {
  const lines = markdown.split(/\r?\n/);
  const at = lines.findIndex((l) => header.test(l));
  if (at < 0) throw new Error(`docs/deploy.md has no "${what}" table`);
  const rows: string[][] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

/** Reads the `| Permission | Type | Why |` table from a markdown document. */
function permissionsInDocs(markdown: string): Key[] {
  return tableRows(markdown, /^\|\s*Permission\s*\|\s*Type\s*\|\s*Why\s*\|\s*$/, '| Permission | Type | Why |').map((cells) => {
    const permission = (cells[0] ?? '').replace(/`/g, '');
    const type = cells[1];
    if (type !== 'Application' && type !== 'Delegated') throw new Error(`unknown permission type "${type}" for ${permission}`);
    if (!(cells[2] ?? '').trim()) throw new Error(`${permission} has no reason in docs/deploy.md`);
    return key(permission, type);
  });
}

/** Reads the `| Exchange role | Mailboxes in the scope | What it covers |` table: the RBAC for Applications roles. */
function exchangeRolesInDocs(markdown: string): string[] {
  return tableRows(markdown, /^\|\s*Exchange role\s*\|\s*Mailboxes in the scope\s*\|\s*What it covers\s*\|\s*$/, '| Exchange role | Mailboxes in the scope | What it covers |').map(
    (cells) => {
      const role = (cells[0] ?? '').replace(/`/g, '');
      if (!(cells[1] ?? '') || !(cells[2] ?? '')) throw new Error(`${role} has no scope or no reason in docs/deploy.md`);
      return role;
    },
  );
}

/** The roles in the guide's `New-ManagementRoleAssignment -App … -Role "<role>"` commands, and whether each is scoped. */
function roleAssignmentsInDocs(markdown: string): { role: string; scoped: boolean }[] {
  return [...markdown.matchAll(/New-ManagementRoleAssignment\b[^\n]*?-Role\s+"([^"]+)"([^\n]*)/g)].map((m) => ({
    role: m[1] as string,
    scoped: /-CustomResourceScope\s+\S|-RecipientAdministrativeUnitScope\s+\S/.test(m[2] ?? ''),
  }));
}

/**
 * What the app registration must never request, application or delegated: tenant-wide mailbox
 * access (calendar access comes only from the scoped Exchange role), every site, the directory,
 * files, groups, or the power to grant itself more.
 */
const NEVER_REQUESTED =
  /^(Calendars\..*|Mail\..*|MailboxSettings\..*|MailboxItem\..*|MailboxFolder\..*|Contacts\..*|Place\..*|Sites\.(Read|ReadWrite|Manage|FullControl|Create)\.All|Files\..*|Directory\..*|Group\..*|GroupMember\..*|Application\..*|AppRoleAssignment\..*|RoleManagement\..*|TeamsAppInstallation\..*|Chat\..*|ChannelMessage\..*|EWS\..*|full_access_as_app|Exchange\..*)$/;

/** The permissions the Entra app registration requests, plus the scope it exposes. */
function permissionsInAadManifest(manifest: AadManifest): Key[] {
  const out: Key[] = [];
  for (const resource of manifest.requiredResourceAccess) {
    if (resource.resourceAppId !== 'Microsoft Graph' && resource.resourceAppId !== '00000003-0000-0000-c000-000000000000') {
      throw new Error(`aad.manifest.json asks for permissions on an API other than Microsoft Graph: ${resource.resourceAppId}`);
    }
    for (const access of resource.resourceAccess) {
      if (access.type !== 'Role' && access.type !== 'Scope') throw new Error(`unknown resourceAccess type ${access.type}`);
      // A GUID would hide which permission it is from every check below: the toolkit accepts names.
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(access.id)) throw new Error(`aad.manifest.json names a permission by id (${access.id}); use its name`);
      out.push(key(access.id, access.type === 'Role' ? 'Application' : 'Delegated'));
    }
  }
  for (const scope of manifest.oauth2Permissions) out.push(key(scope.value, 'Delegated'));
  return out;
}

const declared = (): Key[] => APP_PERMISSIONS.map((p) => key(p.permission, p.type));

/** Differences between two permission lists, in words; [] when they hold the same permissions once each. */
function differences(aName: string, a: Key[], bName: string, b: Key[]): string[] {
  const problems: string[] = [];
  for (const k of a) if (!b.includes(k)) problems.push(`${k} is in ${aName} but not in ${bName}`);
  for (const k of b) if (!a.includes(k)) problems.push(`${k} is in ${bName} but not in ${aName}`);
  for (const [name, list] of [
    [aName, a],
    [bName, b],
  ] as const) {
    const dupes = list.filter((k, i) => list.indexOf(k) !== i);
    if (dupes.length > 0) problems.push(`${name} lists ${dupes.join(', ')} more than once`);
  }
  return problems;
}

describe('the permissions the app asks for are the same everywhere', () => {
  it('docs/deploy.md table = src/bot/auth/graph-permissions.ts', () => {
    expect(differences('docs/deploy.md', permissionsInDocs(docs), 'graph-permissions.ts', declared())).toEqual([]);
  });

  it('aad.manifest.json (requiredResourceAccess + exposed scope) = src/bot/auth/graph-permissions.ts', () => {
    expect(differences('aad.manifest.json', permissionsInAadManifest(aad), 'graph-permissions.ts', declared())).toEqual([]);
  });

  it('the exposed scope is declared as "This app", everything else as Microsoft Graph', () => {
    const own = APP_PERMISSIONS.filter((p) => p.resource === 'This app').map((p) => p.permission);
    expect(own).toEqual([ACCESS_AS_USER_SCOPE]);
    expect(aad.oauth2Permissions.map((s) => s.value)).toEqual([ACCESS_AS_USER_SCOPE]);
  });

  it('every declared permission says why', () => {
    for (const p of APP_PERMISSIONS) expect(p.why.length, p.permission).toBeGreaterThan(20);
  });

  it('is exactly the agreed least-privilege set', () => {
    expect(declared().sort()).toEqual(
      [
        'Sites.Selected (Application)',
        'User.Read.All (Application)',
        'User.Read (Delegated)',
        'openid (Delegated)',
        'profile (Delegated)',
        'offline_access (Delegated)',
        'access_as_user (Delegated)',
      ].sort(),
    );
  });

  it('never asks for broad permissions: no Calendars.*, Mail.*, Sites.*.All, Directory.* … in the code, the registration or the docs table', () => {
    const everywhere = [...declared(), ...permissionsInAadManifest(aad), ...permissionsInDocs(docs)].map((k) => k.replace(/ \(.*\)$/, ''));
    expect(everywhere.filter((p) => NEVER_REQUESTED.test(p))).toEqual([]);
  });

  it('asks for no application permission beyond Sites.Selected and User.Read.All, so admin consent cannot widen it', () => {
    const applicationInAad = permissionsInAadManifest(aad).filter((k) => k.endsWith('(Application)'));
    expect(applicationInAad.sort()).toEqual(['Sites.Selected (Application)', 'User.Read.All (Application)']);
  });

  it('the registration asks for permissions on Microsoft Graph only (not Exchange Online, not SharePoint)', () => {
    expect(aad.requiredResourceAccess.map((r) => r.resourceAppId)).toEqual(['Microsoft Graph']);
  });
});

describe('calendar access: Exchange RBAC for Applications only, scoped to the organiser mailboxes', () => {
  it('docs/deploy.md Exchange role table = EXCHANGE_APPLICATION_ROLES in graph-permissions.ts', () => {
    expect(exchangeRolesInDocs(docs).sort()).toEqual(EXCHANGE_APPLICATION_ROLES.map((r) => r.role).sort());
  });

  it('every role the guide assigns is a declared one, and every assignment is scoped', () => {
    const assignments = roleAssignmentsInDocs(docs);
    expect(assignments.length).toBeGreaterThan(0);
    for (const a of assignments) {
      expect(
        EXCHANGE_APPLICATION_ROLES.map((r) => r.role),
        a.role,
      ).toContain(a.role);
      expect(a.scoped, `${a.role} is assigned without a scope`).toBe(true);
    }
    for (const r of EXCHANGE_APPLICATION_ROLES) expect(assignments.map((a) => a.role)).toContain(r.role);
  });

  it('every declared Exchange role is an application role for calendars, and says what it covers', () => {
    for (const r of EXCHANGE_APPLICATION_ROLES) {
      expect(r.role).toMatch(/^Application Calendars\./);
      for (const call of ['getSchedule', 'subscriptions', 'delta', 'events']) expect(r.covers, r.role).toContain(call);
    }
  });

  it('the scope holds the organiser mailboxes the code books in: supervisors and the safeguarding mailbox', () => {
    const scopes = EXCHANGE_APPLICATION_ROLES.map((r) => r.scope).join(' ');
    expect(scopes).toMatch(/supervisor/);
    expect(scopes).toMatch(/SAFEGUARDING_MAILBOX/);
    expect(docs).toMatch(/New-ManagementScope -Name "Safeguarding supervision organisers"/);
    expect(docs).toMatch(/Test-ServicePrincipalAuthorization/);
  });

  it('the guide grants no calendar permission in Entra and uses no application access policy', () => {
    expect(docs).not.toMatch(/New-ApplicationAccessPolicy\s+-/);
    expect(docs).not.toMatch(/Grant admin consent[^\n]*Calendars/);
    expect(docs).toMatch(/RBAC for Applications/);
  });

  it('the guide grants Sites.Selected on one site', () => {
    expect(docs).toMatch(/\/sites\/<site id>\/permissions/);
    expect(docs).toMatch(/Setup policies/);
  });
});

describe('the comparison catches drift (both directions)', () => {
  it('a permission added to the code but not documented', () => {
    const withExtra = [...declared(), key('Mail.Send', 'Application')];
    expect(differences('docs/deploy.md', permissionsInDocs(docs), 'graph-permissions.ts', withExtra)).toEqual([
      'Mail.Send (Application) is in graph-permissions.ts but not in docs/deploy.md',
    ]);
  });

  it('a row removed from the docs table', () => {
    const edited = docs.replace(/^\| `User\.Read\.All` \|.*\n/m, '');
    expect(edited).not.toBe(docs);
    expect(differences('docs/deploy.md', permissionsInDocs(edited), 'graph-permissions.ts', declared())).toEqual([
      'User.Read.All (Application) is in graph-permissions.ts but not in docs/deploy.md',
    ]);
  });

  it('a permission whose type differs (delegated in the registration, application in the code)', () => {
    const edited = JSON.parse(JSON.stringify(aad)) as AadManifest;
    const sites = edited.requiredResourceAccess[0]?.resourceAccess.find((a) => a.id === 'Sites.Selected');
    if (!sites) throw new Error('Sites.Selected missing from aad.manifest.json');
    sites.type = 'Scope';
    expect(differences('aad.manifest.json', permissionsInAadManifest(edited), 'graph-permissions.ts', declared())).toHaveLength(2);
  });

  it('a broader permission slipped into the registration', () => {
    const edited = JSON.parse(JSON.stringify(aad)) as AadManifest;
    edited.requiredResourceAccess[0]?.resourceAccess.push({ id: 'Sites.ReadWrite.All', type: 'Role' });
    expect(differences('aad.manifest.json', permissionsInAadManifest(edited), 'graph-permissions.ts', declared())).toEqual([
      'Sites.ReadWrite.All (Application) is in aad.manifest.json but not in graph-permissions.ts',
    ]);
  });

  it('Calendars.ReadWrite added back to the registration (and the code) is caught', () => {
    const edited = JSON.parse(JSON.stringify(aad)) as AadManifest;
    edited.requiredResourceAccess[0]?.resourceAccess.push({ id: 'Calendars.ReadWrite', type: 'Role' });
    expect(
      permissionsInAadManifest(edited)
        .map((k) => k.replace(/ \(.*\)$/, ''))
        .filter((p) => NEVER_REQUESTED.test(p)),
    ).toEqual(['Calendars.ReadWrite']);
    for (const p of ['Calendars.Read', 'Calendars.ReadBasic.All', 'Mail.Send', 'Sites.ReadWrite.All', 'Directory.Read.All', 'MailboxSettings.Read'])
      expect(NEVER_REQUESTED.test(p), p).toBe(true);
    for (const p of ['Sites.Selected', 'User.Read.All', 'User.Read', 'openid', 'profile', 'offline_access', 'access_as_user']) expect(NEVER_REQUESTED.test(p), p).toBe(false);
  });

  it('a permission named by GUID is refused', () => {
    const edited = JSON.parse(JSON.stringify(aad)) as AadManifest;
    edited.requiredResourceAccess[0]?.resourceAccess.push({ id: 'ef54d2bf-783f-4e0f-bca1-3210c0444d99', type: 'Role' });
    expect(() => permissionsInAadManifest(edited)).toThrow(/by id/);
  });

  it('an Exchange role assigned in the guide without a scope, or not declared, is caught', () => {
    expect(roleAssignmentsInDocs('New-ManagementRoleAssignment -App x -Role "Application Calendars.ReadWrite"')).toEqual([
      { role: 'Application Calendars.ReadWrite', scoped: false },
    ]);
    expect(roleAssignmentsInDocs('New-ManagementRoleAssignment -App x -Role "Application Mail.Send" -CustomResourceScope "s"')).toEqual([
      { role: 'Application Mail.Send', scoped: true },
    ]);
    expect(() => exchangeRolesInDocs('no table')).toThrow(/Exchange role/);
  });

  it('a docs table without reasons or with an unknown type is refused', () => {
    expect(() => permissionsInDocs('| Permission | Type | Why |\n|---|---|---|\n| `x` | Application | |\n')).toThrow(/no reason/);
    expect(() => permissionsInDocs('| Permission | Type | Why |\n|---|---|---|\n| `x` | Both | because |\n')).toThrow(/unknown permission type/);
    expect(() => permissionsInDocs('no table here')).toThrow(/no "\| Permission/);
  });
});

describe('the Entra app registration', () => {
  it('is single-tenant and issues v2 access tokens (what the server validates)', () => {
    expect(aad.signInAudience).toBe('AzureADMyOrg');
    expect(aad.accessTokenAcceptedVersion).toBe(2);
  });

  it('pre-authorises Teams, Outlook and the Microsoft 365 app for access_as_user only', () => {
    const clients = aad.preAuthorizedApplications.map((a) => a.appId);
    for (const id of [
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
      '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
      '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
      'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
      'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
      '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
    ]) {
      expect(clients).toContain(id);
    }
    for (const a of aad.preAuthorizedApplications) expect(a.permissionIds).toEqual(['${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}']);
  });

  it('has an identifier URI on the tab domain', () => {
    expect(substitutePlaceholders(aad.identifierUris[0] as string, { TAB_DOMAIN: 'safesupoak.azurewebsites.net', AAD_APP_CLIENT_ID: 'abc' })).toBe(
      'api://safesupoak.azurewebsites.net/abc',
    );
  });
});
