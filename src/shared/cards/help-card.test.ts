import { describe, expect, it } from 'vitest';
import { cardProblems } from '../../../tests/support/card-problems.js';
import { buildHelpCard } from './help-card.js';
import { BOT_COMMANDS, parseCommand } from '../chat/commands.js';

describe('help card', () => {
  const card = JSON.parse(JSON.stringify(buildHelpCard({ commands: BOT_COMMANDS }))) as Record<string, unknown>;

  it('is an Adaptive Card 1.5 that lists every command', () => {
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    const text = JSON.stringify(card);
    for (const c of BOT_COMMANDS) expect(text).toContain(c.title);
  });

  it('parses without problems in the Adaptive Cards renderer', () => {
    expect(cardProblems(card)).toEqual([]);
  });

  it('says when the message was not understood', () => {
    expect(JSON.stringify(buildHelpCard({ commands: BOT_COMMANDS, notUnderstood: true }))).toContain("didn't understand");
  });
});

describe('parseCommand', () => {
  it.each(['help', 'Help', ' HELP! ', '<at>Safeguarding</at> help', '?'])('reads %j as help', (t) => {
    expect(parseCommand(t)).toEqual({ kind: 'help' });
  });
  it('treats anything else as not understood', () => {
    expect(parseCommand('book me a session').kind).toBe('unknown');
    expect(parseCommand(undefined).kind).toBe('unknown');
  });
});
