import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, substitutePlaceholders } from '../../../scripts/build-app-package.js';
import { ACCESS_AS_USER_SCOPE, APP_PERMISSIONS, type PermissionType } from '../../../src/bot/auth/graph-permissions.js';

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

/** Reads the `| Permission | Type | Why |` table from a markdown document. */
function permissionsInDocs(markdown: string): Key[] {
  const lines = markdown.split(/\r?\n/);
  const header = lines.findIndex((l) => /^\|\s*Permission\s*\|\s*Type\s*\|\s*Why\s*\|\s*$/.test(l));
  if (header < 0) throw new Error('docs/deploy.md has no "| Permission | Type | Why |" table');
  const out: Key[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const permission = (cells[0] ?? '').replace(/`/g, '');
    const type = cells[1];
    if (type !== 'Application' && type !== 'Delegated') throw new Error(`unknown permission type "${type}" for ${permission}`);
    if (!(cells[2] ?? '').trim()) throw new Error(`${permission} has no reason in docs/deploy.md`);
    out.push(key(permission, type));
  }
  return out;
}

/** The permissions the Entra app registration requests, plus the scope it exposes. */
function permissionsInAadManifest(manifest: AadManifest): Key[] {
  const out: Key[] = [];
  for (const resource of manifest.requiredResourceAccess) {
    if (resource.resourceAppId !== 'Microsoft Graph' && resource.resourceAppId !== '00000003-0000-0000-c000-000000000000') {
      throw new Error(`aad.manifest.json asks for permissions on an API other than Microsoft Graph: ${resource.resourceAppId}`);
    }
    for (const access of resource.resourceAccess) {
      if (access.type !== 'Role' && access.type !== 'Scope') throw new Error(`unknown resourceAccess type ${access.type}`);
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
        'Calendars.ReadWrite (Application)',
        'User.Read (Delegated)',
        'openid (Delegated)',
        'profile (Delegated)',
        'offline_access (Delegated)',
        'access_as_user (Delegated)',
      ].sort(),
    );
  });

  it('never asks for broad permissions', () => {
    const broad = /^(Sites\.(ReadWrite|Read|Manage|FullControl)\.All|Directory\..*|Group\..*|Mail\..*|Files\..*|Application\..*|RoleManagement\..*|TeamsAppInstallation\..*)$/;
    const everywhere = [...declared(), ...permissionsInAadManifest(aad), ...permissionsInDocs(docs)].map((k) => k.replace(/ \(.*\)$/, ''));
    expect(everywhere.filter((p) => broad.test(p))).toEqual([]);
  });

  it('the docs explain restricting Calendars.ReadWrite to the safeguarding mailbox and granting Sites.Selected on one site', () => {
    expect(docs).toMatch(/RBAC for Applications/);
    expect(docs).toMatch(/New-ManagementRoleAssignment -App .* -Role "Application Calendars\.ReadWrite"/);
    expect(docs).toMatch(/New-ApplicationAccessPolicy/);
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
