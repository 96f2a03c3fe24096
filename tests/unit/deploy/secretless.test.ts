import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../scripts/build-app-package.js';
import { checkBicepFile } from './bicep-check.js';

const read = (...p: string[]): string => readFileSync(join(REPO_ROOT, ...p), 'utf8');
const main = read('infra', 'main.bicep');
const app = read('infra', 'modules', 'app-service.bicep');
const identity = read('infra', 'modules', 'managed-identity.bicep');
const teamsapp = read('teamsapp.yml');
const deployDoc = read('docs', 'deploy.md');
const HELPER = join(REPO_ROOT, 'infra', 'federated-credential.mjs');

interface Helper {
  federatedCredential(
    appId: string | undefined,
    issuer: string | undefined,
    subject: string | undefined,
  ): { ok: true; credential: { name: string; issuer: string; subject: string; audiences: string[] } } | { ok: false; problems: string[] };
}

describe('secretless deployment: managed identity + federated identity credential', () => {
  it('Bicep creates a user-assigned identity, assigns it to the web app and names it in MANAGED_IDENTITY_CLIENT_ID', async () => {
    expect(identity).toContain("'Microsoft.ManagedIdentity/userAssignedIdentities@");
    expect(main).toContain("module identity 'modules/managed-identity.bicep'");
    expect(main).toMatch(/managedIdentityId: identity\.outputs\.id/);
    expect(main).toMatch(/managedIdentityClientId: identity\.outputs\.clientId/);
    expect(app).toMatch(/userAssignedIdentities: \{\n\s+'\$\{managedIdentityId\}': \{\}/);
    expect(await checkBicepFile(join(REPO_ROOT, 'infra', 'main.bicep'))).toEqual([]);
  });

  it('no Bicep parameter, setting, secret resource or output carries a client secret', () => {
    const infra = [main, app, read('infra', 'modules', 'key-vault.bicep'), read('infra', 'modules', 'bot-service.bicep'), read('infra', 'main.parameters.json')].join('\n');
    expect(infra).not.toMatch(/clientSecret|CLIENT_SECRET|@secure\(\)\s*param aadApp|vaults\/secrets|@Microsoft\.KeyVault\(/);
    for (const output of [...main.matchAll(/^output (\w+)/gm)].map((m) => m[1])) expect(output).not.toMatch(/SECRET/);
  });

  it('Bicep outputs what the federated credential needs: issuer, subject (principal id)', () => {
    expect(main).toMatch(/output MANAGED_IDENTITY_PRINCIPAL_ID string = identity\.outputs\.principalId/);
    expect(main).toMatch(/output FEDERATED_CREDENTIAL_ISSUER string = '\$\{environment\(\)\.authentication\.loginEndpoint\}\$\{aadAppTenantId\}\/v2\.0'/);
  });

  it('the toolkit creates the app registration without a secret and adds the federated credential after arm/deploy', () => {
    expect(teamsapp).toContain('generateClientSecret: false');
    expect(teamsapp).not.toMatch(/clientSecret:|SECRET_/);
    const armDeploy = teamsapp.indexOf('uses: arm/deploy');
    const trust = teamsapp.indexOf('run: node infra/federated-credential.mjs ${{AAD_APP_CLIENT_ID}} ${{FEDERATED_CREDENTIAL_ISSUER}} ${{MANAGED_IDENTITY_PRINCIPAL_ID}}');
    expect(armDeploy).toBeGreaterThan(0);
    expect(trust).toBeGreaterThan(armDeploy);
  });

  it('the helper builds the credential Entra expects for a managed identity, and refuses bad inputs', async () => {
    const helperPath: string = HELPER;
    const helper = (await import(helperPath)) as Helper;
    const ok = helper.federatedCredential(
      '5a7e9a3c-0000-4000-8000-00000000a001',
      'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/v2.0',
      '5A7E9A3C-0000-4000-8000-00000000B002',
    );
    expect(ok).toEqual({
      ok: true,
      credential: expect.objectContaining({
        name: 'safeguarding-web-app',
        issuer: 'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/v2.0',
        subject: '5a7e9a3c-0000-4000-8000-00000000b002',
        audiences: ['api://AzureADTokenExchange'],
      }),
    });
    const bad = helper.federatedCredential('', 'https://login.microsoftonline.com/common', 'id-safesup');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems).toHaveLength(3);
  });

  it('the helper runs with plain Node and says what it would do', () => {
    const run = spawnSync(
      process.execPath,
      [
        HELPER,
        '5a7e9a3c-0000-4000-8000-00000000a001',
        'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/v2.0',
        '5a7e9a3c-0000-4000-8000-00000000b002',
        '--dry-run',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^az ad app federated-credential create --id 5a7e9a3c-0000-4000-8000-00000000a001 --parameters @/m);
    const refused = spawnSync(process.execPath, [HELPER, 'x'], { encoding: 'utf8', timeout: 30_000 });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/AAD_APP_CLIENT_ID/);
  });

  it('docs/deploy.md explains the secretless credential and has no step that creates or stores a client secret', () => {
    expect(deployDoc).toMatch(/no client secret/i);
    expect(deployDoc).toContain('MANAGED_IDENTITY_CLIENT_ID');
    expect(deployDoc).toContain('api://AzureADTokenExchange');
    expect(deployDoc).not.toMatch(/az keyvault secret set|SECRET_AAD_APP_CLIENT_SECRET|generateClientSecret: true/);
  });
});
