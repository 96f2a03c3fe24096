import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APP_PACKAGE_DIR,
  REPO_ROOT,
  buildAppPackage,
  parseEnvFile,
  placeholdersIn,
  pngSize,
  substitutePlaceholders,
  validateManifest,
} from '../../../scripts/build-app-package.js';

/** What the Agents Toolkit would fill in after provisioning (sample values). */
const SAMPLE: Record<string, string> = {
  TEAMS_APP_ID: '5f0c2f4e-8d7a-4b8e-9c51-2a7d8e1f0b11',
  BOT_ID: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  AAD_APP_CLIENT_ID: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  TAB_DOMAIN: 'safesupoak.azurewebsites.net',
  TAB_ENDPOINT: 'https://safesupoak.azurewebsites.net',
  APP_NAME_SUFFIX: '',
};

const template = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
type Json = Record<string, unknown>;
const filled = (): Json => JSON.parse(substitutePlaceholders(template, SAMPLE)) as Json;

describe('appPackage/manifest.json against the schema bundled in @microsoft/app-manifest', () => {
  it('uses a current 1.2x schema version, and the $schema URL matches it', () => {
    const m = filled();
    expect(m.manifestVersion).toMatch(/^1\.2\d$/);
    expect(m.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${String(m.manifestVersion)}/MicrosoftTeams.schema.json`);
  });

  it('uses only placeholders the toolkit provides', () => {
    expect(placeholdersIn(template).sort()).toEqual(Object.keys(SAMPLE).sort());
  });

  it('is valid once the placeholders are filled', async () => {
    expect(await validateManifest(filled())).toEqual([]);
  });

  describe('a broken copy is rejected', () => {
    const cases: [string, (m: Json) => void, RegExp][] = [
      ['no developer', (m) => delete m.developer, /developer/],
      ['short name over 30 characters', (m) => ((m.name as Json).short = 'Safeguarding Supervision for Schools'), /short/],
      ['bot id not a GUID', (m) => (((m.bots as Json[])[0] as Json).botId = 'not-a-guid'), /botId/],
      ['tab contentUrl not a URL', (m) => (((m.staticTabs as Json[])[0] as Json).contentUrl = 'tab.html'), /contentUrl/],
      ['unknown property', (m) => (m.colour = '#fff'), /additional properties/],
      ['wrong manifestVersion for the schema', (m) => (m.manifestVersion = '1.99'), /./],
      ['accent colour not a hex colour', (m) => (m.accentColor = 'teal'), /accentColor/],
    ];
    it.each(cases)('%s', async (_name, breakIt, expected) => {
      const m = filled();
      breakIt(m);
      const problems = await validateManifest(m).catch((e: unknown) => [String(e)]);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.join('\n')).toMatch(expected);
    });

    it('syntax error in the JSON', () => {
      expect(() => JSON.parse(substitutePlaceholders(template.replace(/}\s*$/, ''), SAMPLE))).toThrow();
    });
  });

  it('a missing placeholder value is named, not silently left in', () => {
    expect(() => substitutePlaceholders(template, { ...SAMPLE, BOT_ID: '' })).toThrow(/BOT_ID/);
    expect(() => substitutePlaceholders(template, { TEAMS_APP_ID: SAMPLE.TEAMS_APP_ID })).toThrow(/TAB_ENDPOINT/);
  });
});

describe('what the manifest declares', () => {
  const m = filled();

  it('a personal tab (runs in Teams, Outlook and the Microsoft 365 app)', () => {
    const tabs = m.staticTabs as Json[];
    const tab = tabs.find((t) => t.entityId === 'supervision') as Json;
    expect(tab.scopes).toEqual(['personal']);
    expect(tab.context).toEqual(['personalTab']);
    expect(String(tab.contentUrl)).toMatch(/^https:\/\/safesupoak\.azurewebsites\.net\//);
  });

  it('a bot for the personal chat, which group chats can @mention (there it offers only help: agendas stay private)', () => {
    const bot = (m.bots as Json[])[0] as Json;
    expect(bot.botId).toBe(SAMPLE.BOT_ID);
    expect(bot.scopes).toEqual(['personal', 'groupChat']);
    const lists = bot.commandLists as { scopes: string[]; commands: { title: string }[] }[];
    expect(lists[0]?.scopes).toEqual(['personal']);
    expect(lists[0]?.commands.map((c) => c.title)).toContain('help');
    expect(lists[1]).toEqual({ scopes: ['groupChat'], commands: [{ title: 'help', description: 'Show what this bot can do.' }] });
  });

  it('single sign-on: webApplicationInfo matches the Entra app registration', () => {
    const aad = JSON.parse(readFileSync(join(REPO_ROOT, 'aad.manifest.json'), 'utf8')) as { identifierUris: string[]; appId: string };
    const wai = m.webApplicationInfo as { id: string; resource: string };
    expect(wai.id).toBe(SAMPLE.AAD_APP_CLIENT_ID);
    expect(wai.resource).toBe(substitutePlaceholders(aad.identifierUris[0] as string, SAMPLE));
    expect(m.validDomains).toContain(SAMPLE.TAB_DOMAIN);
  });

  it('asks for one resource-specific permission only: the Outlook add-in reads the open item, as the user', () => {
    // Without it Outlook gives the add-in restricted access: no item id, subject or text to read.
    expect(m.authorization).toEqual({ permissions: { resourceSpecific: [{ name: 'MailboxItem.Read.User', type: 'Delegated' }] } });
    expect(m.devicePermissions).toBeUndefined();
    expect(m.permissions).toBeUndefined();
  });
});

/** Decodes a non-interlaced 8-bit RGBA PNG (as the icon script writes) into its pixels. */
function rgbaPixels(png: Buffer): { width: number; height: number; data: Buffer } {
  const { width, height } = pngSize(png);
  expect(png[24]).toBe(8); // bit depth
  expect(png[25]).toBe(6); // RGBA
  const idat: Buffer[] = [];
  for (let i = 8; i < png.length;) {
    const len = png.readUInt32BE(i);
    if (png.toString('ascii', i + 4, i + 8) === 'IDAT') idat.push(png.subarray(i + 8, i + 8 + len));
    i += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * stride]).toBe(0); // filter "none", as written by scripts/generate-app-icons.ts
    raw.copy(data, y * width * 4, y * stride + 1, (y + 1) * stride);
  }
  return { width, height, data };
}

describe('icons', () => {
  it('color.png is 192x192', () => {
    expect(pngSize(readFileSync(join(APP_PACKAGE_DIR, 'color.png')))).toEqual({ width: 192, height: 192 });
  });

  it('outline.png is 32x32, white on transparent', () => {
    const { width, height, data } = rgbaPixels(readFileSync(join(APP_PACKAGE_DIR, 'outline.png')));
    expect([width, height]).toEqual([32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < data.length; i += 4) {
      const alpha = data[i + 3] as number;
      if (alpha === 0) transparent++;
      else {
        opaque++;
        expect([data[i], data[i + 1], data[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(opaque).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(500);
  });
});

describe('scripts/build-app-package.ts', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'app-package-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('builds a zip with the filled manifest and both icons at its root', async () => {
    const built = await buildAppPackage({ env: 'test', vars: SAMPLE, outDir: tmp });
    expect(built.zipPath).toBe(join(tmp, 'appPackage.test.zip'));
    const entries = unzipSync(new Uint8Array(readFileSync(built.zipPath)));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as Json;
    expect(manifest.id).toBe(SAMPLE.TEAMS_APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('refuses to build from a manifest that fails the schema', async () => {
    const src = join(tmp, 'broken-src');
    const m = JSON.parse(template) as Json;
    delete m.description;
    rmSync(src, { recursive: true, force: true });
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'manifest.json'), JSON.stringify(m));
    copyFileSync(join(APP_PACKAGE_DIR, 'color.png'), join(src, 'color.png'));
    copyFileSync(join(APP_PACKAGE_DIR, 'outline.png'), join(src, 'outline.png'));
    await expect(buildAppPackage({ env: 'test', vars: SAMPLE, sourceDir: src, outDir: join(tmp, 'out') })).rejects.toThrow(/description/);
  });

  it('refuses icons of the wrong size', async () => {
    const src = join(tmp, 'swapped-icons');
    mkdirSync(src, { recursive: true });
    copyFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), join(src, 'manifest.json'));
    copyFileSync(join(APP_PACKAGE_DIR, 'outline.png'), join(src, 'color.png'));
    copyFileSync(join(APP_PACKAGE_DIR, 'color.png'), join(src, 'outline.png'));
    await expect(buildAppPackage({ env: 'test', vars: SAMPLE, sourceDir: src, outDir: join(tmp, 'out2') })).rejects.toThrow(/192x192/);
  });

  it('env/.env.dev is a template: it declares the manifest placeholders and holds no secret', () => {
    const env = parseEnvFile(join(REPO_ROOT, 'env', '.env.dev'));
    for (const name of placeholdersIn(template)) expect(Object.keys(env)).toContain(name);
    expect(Object.keys(env).filter((k) => k.startsWith('SECRET_'))).toEqual([]);
  });
});
