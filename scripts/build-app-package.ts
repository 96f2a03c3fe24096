/**
 * Builds the Teams / Outlook / Microsoft 365 app package offline:
 *
 *   appPackage/manifest.json + color.png + outline.png
 *     → placeholders (${{NAME}}) filled from env/.env.<env> and the process environment
 *     → validated against the manifest schema bundled in @microsoft/app-manifest (no download)
 *     → appPackage/build/appPackage.<env>.zip and appPackage/build/manifest.<env>.json
 *
 * Usage: npm run package:app -- [--env dev]        (default: $TEAMSFX_ENV or "dev")
 *
 * The Agents Toolkit's teamsApp/zipAppPackage does the same during provision and publish; this
 * script lets an IT lead (or CI) produce and check the package without the toolkit.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const APP_PACKAGE_DIR = join(REPO_ROOT, 'appPackage');

/** Placeholders that may be empty or unset (everything else must have a value). */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

type SchemaArg = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
type ManifestArg = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

/** Reads a dotenv-style file (KEY=value, # comments, optional quotes). Missing file → empty. */
export function parseEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2] as string;
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[m[1] as string] = value;
  }
  return out;
}

/** The placeholder names used in a template, in order of first appearance. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/** Replaces every ${{NAME}}; throws naming all that are missing (or empty when they must not be). */
export function substitutePlaceholders(template: string, vars: Record<string, string | undefined>): string {
  const missing = placeholdersIn(template).filter((name) => {
    const v = vars[name];
    return !MAY_BE_EMPTY.has(name) && (v === undefined || v === '');
  });
  if (missing.length > 0) {
    throw new Error(`No value for ${missing.join(', ')}. Set them in env/.env.<env> (the Agents Toolkit's provision writes most of them) or in the environment.`);
  }
  return template.replace(PLACEHOLDER, (_, name: string) => vars[name] ?? '');
}

/** Loads the JSON schema for a manifest version from the copy bundled in @microsoft/app-manifest. */
export function loadBundledManifestSchema(manifestVersion: string): SchemaArg {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(pkgDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) throw new Error(`@microsoft/app-manifest has no bundled schema for manifest version ${manifestVersion}`);
  // The published schemas contain \a and \v escapes that JSON does not allow (the library does the same).
  const text = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return JSON.parse(text) as SchemaArg;
}

/** Validates a (placeholder-free) manifest against its bundled schema. Returns the problems; [] when valid. */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  if (typeof manifest !== 'object' || manifest === null) return ['manifest is not a JSON object'];
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  if (typeof version !== 'string') return ['manifestVersion is missing'];
  const schema = loadBundledManifestSchema(version);
  return AppManifestUtils.validateAgainstSchema(manifest as ManifestArg, schema);
}

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || sig.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export interface BuiltPackage {
  zipPath: string;
  manifestPath: string;
  manifest: Record<string, unknown>;
}

/** Fills, validates and zips the package. Throws with every schema problem listed. */
export async function buildAppPackage(options: { env: string; vars: Record<string, string | undefined>; sourceDir?: string; outDir?: string }): Promise<BuiltPackage> {
  const sourceDir = options.sourceDir ?? APP_PACKAGE_DIR;
  const outDir = options.outDir ?? join(sourceDir, 'build');
  const text = substitutePlaceholders(readFileSync(join(sourceDir, 'manifest.json'), 'utf8'), options.vars);
  const manifest = JSON.parse(text) as Record<string, unknown>;

  const problems = await validateManifest(manifest);
  if (problems.length > 0) throw new Error(`manifest.json does not match its schema:\n  ${problems.join('\n  ')}`);

  const icons = manifest.icons as { color: string; outline: string };
  const files: Record<string, Uint8Array> = { 'manifest.json': new TextEncoder().encode(text) };
  for (const [kind, file, size] of [
    ['color', icons.color, 192],
    ['outline', icons.outline, 32],
  ] as const) {
    const bytes = new Uint8Array(readFileSync(join(sourceDir, file)));
    const { width, height } = pngSize(bytes);
    if (width !== size || height !== size) throw new Error(`${kind} icon ${file} is ${width}x${height}; it must be ${size}x${size}`);
    files[file] = bytes;
  }

  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.env}.zip`);
  const manifestPath = join(outDir, `manifest.${options.env}.json`);
  // A fixed timestamp keeps the zip byte-for-byte reproducible.
  writeFileSync(zipPath, zipSync(files, { level: 9, mtime: new Date('2025-01-01T00:00:00Z') }));
  writeFileSync(manifestPath, text);
  return { zipPath, manifestPath, manifest };
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const env = argValue(process.argv.slice(2), '--env') ?? process.env.TEAMSFX_ENV ?? 'dev';
  if (!/^[A-Za-z0-9_-]+$/.test(env)) throw new Error(`--env must be a simple name, not "${env}"`);
  const vars = { ...parseEnvFile(join(REPO_ROOT, 'env', `.env.${env}`)), ...process.env };
  const built = await buildAppPackage({ env, vars });
  console.log(`App package for "${env}" is valid and written to ${built.zipPath}`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
