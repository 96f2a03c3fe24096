import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUIRED_IN_PRODUCTION, SERVER_SETTINGS } from '../../../src/bot/config.js';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../scripts/build-app-package.js';
import { checkBicepFile, parseBicep } from './bicep-check.js';

const INFRA = join(REPO_ROOT, 'infra');
const MAIN = join(INFRA, 'main.bicep');

function bicepFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? bicepFiles(join(dir, e.name)) : e.name.endsWith('.bicep') ? [join(dir, e.name)] : []));
}

const read = (p: string): string => readFileSync(p, 'utf8');

describe('Bicep syntax (offline, tree-sitter-bicep)', () => {
  it('finds the infrastructure files', () => {
    const names = bicepFiles(INFRA)
      .map((f) => f.slice(INFRA.length + 1))
      .sort();
    expect(names).toEqual(expect.arrayContaining(['main.bicep', 'modules/app-service.bicep', 'modules/bot-service.bicep', 'modules/key-vault.bicep', 'modules/monitoring.bicep']));
  });

  it.each(bicepFiles(INFRA).map((f) => [f.slice(INFRA.length + 1), f]))('%s parses without errors', async (_name, file) => {
    expect((await parseBicep(read(file))).errors).toEqual([]);
  });

  it('main.bicep and its modules agree on parameters and outputs', async () => {
    expect(await checkBicepFile(MAIN)).toEqual([]);
  });

  describe('a broken file fails', () => {
    const source = read(join(INFRA, 'modules', 'key-vault.bicep'));

    it('missing closing brace', async () => {
      const lastBrace = source.lastIndexOf('}');
      const broken = source.slice(0, lastBrace) + source.slice(lastBrace + 1);
      expect((await parseBicep(broken)).errors.length).toBeGreaterThan(0);
    });

    it('missing closing brace in the middle of a resource', async () => {
      const broken = source.replace("      name: 'standard'\n    }", "      name: 'standard'\n");
      expect(broken).not.toBe(source);
      expect((await parseBicep(broken)).errors.length).toBeGreaterThan(0);
    });

    it('unterminated string', async () => {
      const broken = source.replace("family: 'A'", "family: 'A");
      expect((await parseBicep(broken)).errors.length).toBeGreaterThan(0);
    });

    it('stray token', async () => {
      expect((await parseBicep(`${source}\nresource = = {\n`)).errors.length).toBeGreaterThan(0);
    });

    it('reports where the error is', async () => {
      const [first] = (await parseBicep("param a string\nvar b = {\n  c: 'd'\n")).errors;
      expect(first).toMatch(/^\d+:\d+ /);
    });

    it('a misspelt module parameter', async () => {
      const broken = read(MAIN).replace('    retentionInDays: logRetentionDays', '    retentionDays: logRetentionDays');
      const problems = await checkBicepFile(MAIN, broken);
      expect(problems.join('\n')).toMatch(/has no parameter "retentionDays"/);
      expect(problems.join('\n')).toMatch(/required parameter "retentionInDays"/);
    });

    it('a module output that does not exist', async () => {
      const broken = read(MAIN).replace('web.outputs.resourceId', 'web.outputs.id');
      expect((await checkBicepFile(MAIN, broken)).join('\n')).toMatch(/has no output "id"/);
    });

    it('a module file that does not exist', async () => {
      const broken = read(MAIN).replace("'modules/bot-service.bicep'", "'modules/bot.bicep'");
      expect((await checkBicepFile(MAIN, broken)).join('\n')).toMatch(/not found/);
    });
  });
});

describe('infrastructure settings the deployment relies on', () => {
  const app = read(join(INFRA, 'modules', 'app-service.bicep'));
  const vault = read(join(INFRA, 'modules', 'key-vault.bicep'));
  const bot = read(join(INFRA, 'modules', 'bot-service.bicep'));
  const monitoring = read(join(INFRA, 'modules', 'monitoring.bicep'));

  it('App Service: Linux, Node 22 LTS, HTTPS only, TLS 1.2, managed identity, no FTP', () => {
    expect(app).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(app).toContain('httpsOnly: true');
    expect(app).toContain("minTlsVersion: '1.2'");
    expect(app).toContain("type: 'UserAssigned'");
    expect(app).toContain("ftpsState: 'Disabled'");
    expect(app).toContain('reserved: true');
  });

  it('App Service settings are exactly what the server reads (plus platform settings), with the managed identity and no secret', () => {
    // Platform settings read by App Service or its Application Insights agent, not by the server.
    const platform = new Set(['WEBSITES_PORT', 'SCM_DO_BUILD_DURING_DEPLOYMENT', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'ApplicationInsightsAgent_EXTENSION_VERSION']);
    const set = [...app.matchAll(/name: '([A-Za-z_]+)'\n\s+value:/g)].map((m) => m[1] as string).filter((n) => !platform.has(n));
    const read = new Set<string>(SERVER_SETTINGS);
    expect(set.filter((n) => !read.has(n))).toEqual([]);
    // Production refuses to start without these, so infra must set every one.
    expect(REQUIRED_IN_PRODUCTION.filter((n) => !set.includes(n))).toEqual([]);
    expect(set).toContain('NODE_ENV');
    expect(set).not.toContain('CLIENT_SECRET');
    expect(app).toMatch(/name: 'MANAGED_IDENTITY_CLIENT_ID'\n\s+value: managedIdentityClientId/);
  });

  it('App Service console logs go to the Log Analytics workspace', () => {
    expect(app).toContain("category: 'AppServiceConsoleLogs'");
    expect(app).toContain('workspaceId: logAnalyticsWorkspaceId');
  });

  it('Key Vault: RBAC, soft delete, purge protection', () => {
    expect(vault).toContain('enableRbacAuthorization: true');
    expect(vault).toContain('enableSoftDelete: true');
    expect(vault).toContain('enablePurgeProtection: true');
  });

  it('Bot Service: single-tenant with the Teams channel', () => {
    expect(bot).toContain("msaAppType: 'SingleTenant'");
    expect(bot).toContain("channelName: 'MsTeamsChannel'");
  });

  it('Application Insights is workspace-based', () => {
    expect(monitoring).toContain('WorkspaceResourceId: workspace.id');
  });

  it('no secret is committed in the parameters file', () => {
    const params = JSON.parse(read(join(INFRA, 'main.parameters.json'))) as { parameters: Record<string, { value: unknown }> };
    expect(params.parameters.aadAppClientSecret).toBeUndefined();
    expect(JSON.stringify(params)).not.toMatch(/SECRET/);
  });
});
