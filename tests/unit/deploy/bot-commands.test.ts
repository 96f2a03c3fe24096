import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_COMMANDS } from '../../../src/shared/chat/commands.js';

interface Manifest {
  bots: Array<{ commandLists?: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
}

describe('bot command list', () => {
  it('the manifest offers exactly the commands the bot answers (no menu item that does nothing)', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../appPackage/manifest.json', import.meta.url), 'utf8')) as Manifest;
    const offered = manifest.bots
      .flatMap((b) => b.commandLists ?? [])
      .filter((l) => l.scopes.includes('personal'))
      .flatMap((l) => l.commands);
    expect(offered).toEqual(BOT_COMMANDS.map((c) => ({ title: c.title, description: c.description })));
  });
});
