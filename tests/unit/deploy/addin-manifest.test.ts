// The Outlook add-in in appPackage/manifest.json (`extensions`): it validates against the bundled
// schema, its ribbon buttons, runtime actions and pages are in step, and every page and icon it names
// is something the tab's build serves.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR, REPO_ROOT, pngSize, substitutePlaceholders, validateManifest } from '../../../scripts/build-app-package.js';
import viteConfig from '../../../src/tab/vite.config.js';
import { AGENDA_ITEM_MAX_LENGTH } from '../../../src/shared/agenda/agenda.js';
import { AGENDA_ITEM_MAX } from '../../../src/tab/addin/agenda-text.js';

const SAMPLE: Record<string, string> = {
  TEAMS_APP_ID: '5f0c2f4e-8d7a-4b8e-9c51-2a7d8e1f0b11',
  BOT_ID: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  AAD_APP_CLIENT_ID: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  TAB_DOMAIN: 'safesupoak.azurewebsites.net',
  TAB_ENDPOINT: 'https://safesupoak.azurewebsites.net',
  APP_NAME_SUFFIX: '',
};
const ORIGIN = SAMPLE.TAB_ENDPOINT as string;
const TAB_SRC = join(REPO_ROOT, 'src', 'tab');

interface Control {
  id: string;
  actionId?: string;
  icons: { size: number; url: string }[];
}
interface Ribbon {
  contexts: string[];
  tabs: { groups: { id: string; icons?: { size: number; url: string }[]; controls: Control[] }[] }[];
}
interface Runtime {
  id: string;
  code: { page: string };
  actions: { id: string; type: string }[];
}
interface Extension {
  requirements: { scopes: string[]; capabilities: { name: string; minVersion: string }[] };
  runtimes: Runtime[];
  ribbons: Ribbon[];
}
type Json = Record<string, unknown>;

const template = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
const filled = (): Json => JSON.parse(substitutePlaceholders(template, SAMPLE)) as Json;
const extensionOf = (m: Json): Extension => (m.extensions as Extension[])[0] as Extension;

/** The pages the tab's Vite build makes, as paths under the server's root ('/addin/pane.html'). */
function builtPages(): string[] {
  const input = viteConfig.build?.rolldownOptions?.input;
  const files = typeof input === 'string' ? [input] : Array.isArray(input) ? input : Object.values(input ?? {});
  return files.map((f) => `/${relative(TAB_SRC, f).split('\\').join('/')}`);
}

/** Every way the ribbons, runtimes and pages can be out of step, in words; [] when they are in step. */
function addinProblems(ext: Extension, pages: readonly string[]): string[] {
  const problems: string[] = [];
  const actions = new Set(ext.runtimes.flatMap((r) => r.actions.map((a) => a.id)));
  for (const ribbon of ext.ribbons)
    for (const tab of ribbon.tabs)
      for (const group of tab.groups)
        for (const control of group.controls) {
          if (!control.actionId || !actions.has(control.actionId)) problems.push(`ribbon button ${control.id} runs action "${control.actionId ?? ''}", which no runtime has`);
        }
  for (const runtime of ext.runtimes) {
    const page = runtime.code.page;
    if (!page.startsWith(`${ORIGIN}/`)) problems.push(`runtime ${runtime.id} page ${page} is not on the tab's origin`);
    else if (!pages.includes(page.slice(ORIGIN.length))) problems.push(`runtime ${runtime.id} page ${page} is not a page the tab's build makes (${pages.join(', ')})`);
  }
  return problems;
}

describe('the Outlook add-in in appPackage/manifest.json', () => {
  it('has one extension, for mail, needing the Mailbox requirement set its panes use (convertToRestId and body.getAsync: 1.3)', () => {
    const m = filled();
    expect(m.extensions).toHaveLength(1);
    const ext = extensionOf(m);
    expect(ext.requirements.scopes).toEqual(['mail']);
    expect(ext.requirements.capabilities).toEqual([{ name: 'Mailbox', minVersion: '1.3' }]);
  });

  it('puts a button on the meeting (organiser and attendee) and read-mail surfaces, and nowhere else', () => {
    const contexts = extensionOf(filled()).ribbons.flatMap((r) => r.contexts);
    expect(contexts.sort()).toEqual(['mailRead', 'meetingDetailsAttendee', 'meetingDetailsOrganizer']);
  });

  it('keeps ribbon actions, runtimes and built pages in step', () => {
    const pages = builtPages();
    expect(pages).toEqual(expect.arrayContaining(['/index.html', '/addin/pane.html']));
    expect(addinProblems(extensionOf(filled()), pages)).toEqual([]);
    for (const runtime of extensionOf(filled()).runtimes) for (const action of runtime.actions) expect(action.type).toBe('openPage');
  });

  it('finds a button whose action no runtime has, and a runtime page the build does not make', () => {
    const ext = extensionOf(filled());
    const control = ext.ribbons[0]?.tabs[0]?.groups[0]?.controls[0] as Control;
    control.actionId = 'openSomethingElse';
    (ext.runtimes[0] as Runtime).code.page = `${ORIGIN}/addin/missing.html`;
    const problems = addinProblems(ext, builtPages());
    expect(problems.join('\n')).toMatch(/openSomethingElse/);
    expect(problems.join('\n')).toMatch(/missing\.html/);
  });

  it('names icons the tab serves (src/tab/public), each of the size it says', () => {
    const icons = extensionOf(filled()).ribbons.flatMap((r) => r.tabs.flatMap((t) => t.groups.flatMap((g) => [...(g.icons ?? []), ...g.controls.flatMap((c) => c.icons)])));
    expect(new Set(icons.map((i) => i.size))).toEqual(new Set([16, 32, 80]));
    for (const icon of icons) {
      expect(icon.url.startsWith(`${ORIGIN}/`)).toBe(true);
      const file = join(TAB_SRC, 'public', icon.url.slice(ORIGIN.length + 1));
      expect(pngSize(readFileSync(file)), icon.url).toEqual({ width: icon.size, height: icon.size });
    }
  });

  it('the schema refuses a ribbon on a surface that does not exist', async () => {
    const m = filled();
    (extensionOf(m).ribbons[0] as Ribbon).contexts = ['calendarGrid'];
    expect((await validateManifest(m)).join('\n')).toMatch(/contexts/);
  });

  it('the mail pane cuts an item where the server would', () => {
    expect(AGENDA_ITEM_MAX).toBe(AGENDA_ITEM_MAX_LENGTH);
  });
});
