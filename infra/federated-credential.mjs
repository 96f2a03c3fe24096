// Makes the Entra app registration trust the web app's user-assigned managed identity: a federated
// identity credential (workload identity federation, "managed identity as a federated identity
// credential"). Run by teamsapp.yml after arm/deploy, with the Azure CLI signed in as someone who
// may change the app registration (its owner — the person who provisioned it — or an Application
// Administrator). Idempotent: creates the credential, or updates it when it exists.
//
//   node infra/federated-credential.mjs <app client id> <issuer> <identity principal id> [--dry-run]
//
// issuer  = https://login.microsoftonline.com/<tenant id>/v2.0  (Bicep output FEDERATED_CREDENTIAL_ISSUER)
// subject = the identity's principal (object) id               (Bicep output MANAGED_IDENTITY_PRINCIPAL_ID)
// audience = api://AzureADTokenExchange
//
// Plain Node (no dependencies, no TypeScript) so it runs even after `npm prune --omit=dev`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CREDENTIAL_NAME = 'safeguarding-web-app';
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The credential to put on the app registration, or the problems with the inputs.
 * @param {string | undefined} appId
 * @param {string | undefined} issuer
 * @param {string | undefined} subject
 * @returns {{ ok: true, credential: { name: string, issuer: string, subject: string, audiences: string[], description: string } } | { ok: false, problems: string[] }}
 */
export function federatedCredential(appId, issuer, subject) {
  const problems = [];
  if (!appId || !GUID.test(appId)) problems.push(`the app registration's client id (AAD_APP_CLIENT_ID) must be a GUID, not "${appId ?? ''}"`);
  if (!issuer || !/^https:\/\/[^/]+\/[0-9a-f-]{36}\/v2\.0$/i.test(issuer)) {
    problems.push(`the issuer (FEDERATED_CREDENTIAL_ISSUER) must be https://<login host>/<tenant id>/v2.0, not "${issuer ?? ''}"`);
  }
  if (!subject || !GUID.test(subject)) problems.push(`the managed identity's principal id (MANAGED_IDENTITY_PRINCIPAL_ID) must be a GUID, not "${subject ?? ''}"`);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    credential: {
      name: CREDENTIAL_NAME,
      issuer,
      subject: subject.toLowerCase(),
      audiences: [TOKEN_EXCHANGE_AUDIENCE],
      description: "The Safeguarding Supervision web app's user-assigned managed identity (no client secret).",
    },
  };
}

/** Quotes an argument for cmd.exe, which Node needs to run az.cmd on Windows. */
const arg = (a) => (process.platform === 'win32' && /[\s"&|<>^()]/.test(a) ? `"${a.replace(/"/g, '""')}"` : a);

function az(args, dryRun) {
  if (dryRun) {
    console.log(['az', ...args].join(' '));
    return '';
  }
  return execFileSync(process.platform === 'win32' ? 'az.cmd' : 'az', args.map(arg), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    shell: process.platform === 'win32',
  });
}

function main() {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const [appId, issuer, subject] = args.filter((a) => a !== '--dry-run');
  const result = federatedCredential(appId, issuer, subject);
  if (!result.ok) {
    console.error(`Cannot add the federated identity credential:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'federated-credential-'));
  try {
    const file = join(dir, 'credential.json');
    writeFileSync(file, JSON.stringify(result.credential));
    let exists = false;
    if (!dryRun) {
      try {
        az(['ad', 'app', 'federated-credential', 'show', '--id', appId, '--federated-credential-id', CREDENTIAL_NAME, '--output', 'none'], false);
        exists = true;
      } catch {
        exists = false;
      }
    }
    const verb = exists ? ['update', '--federated-credential-id', CREDENTIAL_NAME] : ['create'];
    az(['ad', 'app', 'federated-credential', ...verb, '--id', appId, '--parameters', `@${file}`, '--output', 'none'], dryRun);
    console.log(`${exists ? 'Updated' : dryRun ? 'Would create' : 'Created'} federated identity credential "${CREDENTIAL_NAME}" on app ${appId}: issuer ${issuer}, subject ${subject}, audience ${TOKEN_EXCHANGE_AUDIENCE}.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run as a script (not when a test imports it).
if (process.argv[1]?.endsWith('federated-credential.mjs')) main();
