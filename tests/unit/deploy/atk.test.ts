/**
 * Microsoft's own Agents Toolkit CLI (`atk`, npm package `@microsoft/m365agentstoolkit-cli`, a
 * devDependency installed without its install scripts: see `.npmrc`) validates and packages the
 * committed project with example values, offline, exactly as an IT lead would run it:
 *
 *   atk validate --manifest-file appPackage/manifest.json --env example   (schema + validation rules)
 *   atk package  --manifest-file appPackage/manifest.json --env example   (the zip Provision uploads)
 *
 * Both read the committed `teamsapp.yml`, `appPackage/` and an example env file, and write only to a
 * temporary folder. Neither needs a network, a sign-in or a downloaded binary (checked by hand with
 * the network switched off: `unshare -n npx atk validate …`). `atk validate --package-file` is not
 * used: it validates through the Teams Developer Portal and asks for a Microsoft 365 sign-in.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR, REPO_ROOT, buildAppPackage } from '../../../scripts/build-app-package.js';

/** What the toolkit would write to env/.env.<env> after provisioning (example values, as in manifest.test.ts). */
const EXAMPLE: Record<string, string> = {
  TEAMSFX_ENV: 'example',
  APP_NAME_SUFFIX: '',
  TEAMS_APP_ID: '5f0c2f4e-8d7a-4b8e-9c51-2a7d8e1f0b11',
  BOT_ID: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  AAD_APP_CLIENT_ID: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  TAB_DOMAIN: 'safesupoak.azurewebsites.net',
  TAB_ENDPOINT: 'https://safesupoak.azurewebsites.net',
};

const require = createRequire(import.meta.url);
const atkPackageJson = require.resolve('@microsoft/m365agentstoolkit-cli/package.json');
const ATK = join(atkPackageJson, '..', (JSON.parse(readFileSync(atkPackageJson, 'utf8')) as { bin: Record<string, string> }).bin.atk as string);

// The toolkit's own project-file schema and the YAML and JSON-schema libraries it uses itself.
const requireFromCore = createRequire(createRequire(atkPackageJson).resolve('@microsoft/teamsfx-core/package.json'));
const yaml = requireFromCore('js-yaml') as { load: (text: string) => unknown };
const Ajv = requireFromCore('ajv') as new (options: object) => { compile: (schema: object) => ((data: unknown) => boolean) & { errors?: unknown } };
const projectSchema = (version: string): object =>
  JSON.parse(readFileSync(join(requireFromCore.resolve('@microsoft/teamsfx-core/package.json'), '..', 'resource', 'yaml-schema', version, 'yaml.schema.json'), 'utf8')) as object;

const work = mkdtempSync(join(tmpdir(), 'atk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const envFile = join(work, '.env.example');
writeFileSync(
  envFile,
  Object.entries(EXAMPLE)
    .map(([k, v]) => `${k}=${v}\n`)
    .join(''),
);

/** Runs `atk <args>` on the committed project, non-interactive, no telemetry; returns exit code and output. */
function atk(...args: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [ATK, ...args, '--folder', REPO_ROOT, '--env', 'example', '--env-file', envFile, '--interactive', 'false', '--telemetry', 'false'], {
    cwd: work,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, CI: 'true', TEAMSFX_TELEMETRY_OPTOUT: 'true', NO_COLOR: '1' },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('Microsoft 365 Agents Toolkit CLI on the committed project (offline)', { timeout: 120_000 }, () => {
  it('is a pinned devDependency, installed without running install scripts', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies['@microsoft/m365agentstoolkit-cli']).toMatch(/^\d+\.\d+\.\d+$/);
    // keytar (a dependency of the CLI) downloads a prebuilt binary in its install script; npm ci must not run it.
    expect(readFileSync(join(REPO_ROOT, '.npmrc'), 'utf8')).toMatch(/^ignore-scripts=true$/m);
  });

  it('atk validate passes on appPackage/manifest.json with the example values', () => {
    const r = atk('validate', '--manifest-file', join(APP_PACKAGE_DIR, 'manifest.json'));
    expect(r.output).toMatch(/checked manifest\(s\) with the corresponding schema/);
    expect(r.output).not.toMatch(/failed/i);
    expect(r.status, r.output).toBe(0);
  });

  it('atk package builds the same manifest that npm run package:app builds', async () => {
    const out = join(work, 'atk-build');
    const r = atk('package', '--manifest-file', join(APP_PACKAGE_DIR, 'manifest.json'), '--output-package-file', join(out, 'appPackage.example.zip'), '--output-folder', out);
    expect(r.status, r.output).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(join(out, 'appPackage.example.zip'))));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const fromAtk = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;

    const ours = await buildAppPackage({ env: 'example', vars: EXAMPLE, outDir: join(work, 'our-build') });
    expect(fromAtk).toEqual(ours.manifest);
    expect(existsSync(join(REPO_ROOT, 'appPackage', 'build', 'appPackage.example.zip'))).toBe(false);
  });

  it("teamsapp.yml matches the toolkit's own v1.8 project schema, with the Bicep CLI pinned in arm/deploy", () => {
    const text = readFileSync(join(REPO_ROOT, 'teamsapp.yml'), 'utf8');
    expect(text).toMatch(/^version: v1\.8$/m);
    const doc = yaml.load(text) as { provision: { uses: string; with?: Record<string, unknown> }[] };
    const validate = new Ajv({ allErrors: true, strict: false }).compile(projectSchema('v1.8'));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);

    const armDeploy = doc.provision.find((step) => step.uses === 'arm/deploy');
    expect(armDeploy?.with?.bicepCliVersion).toMatch(/^v\d+\.\d+\.\d+$/);
    // The schema is what decides where it goes: under the step's `with`, as a string.
    const misplaced = structuredClone(doc);
    const step = misplaced.provision.find((s) => s.uses === 'arm/deploy');
    if (step?.with) step.with.bicepCliVersion = 33;
    expect(validate(misplaced)).toBe(false);
  });

  it('atk validate fails on a broken copy of the manifest (the check is real)', () => {
    const broken = join(work, 'broken');
    mkdirSync(broken, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as { name: { short: string } };
    manifest.name.short = 'Safeguarding Supervision for Schools and Trusts';
    writeFileSync(join(broken, 'manifest.json'), JSON.stringify(manifest, null, 2));
    for (const icon of ['color.png', 'outline.png']) copyFileSync(join(APP_PACKAGE_DIR, icon), join(broken, icon));
    const r = atk('validate', '--manifest-file', join(broken, 'manifest.json'));
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/\/name\/short must NOT have more than 30 characters/);
  });
});
