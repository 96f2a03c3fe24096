import { describe, expect, it } from 'vitest';
import { BOT_COMMANDS, parseCommand } from './commands.js';

describe('parseCommand', () => {
  it.each(['help', 'Help', ' HELP! ', '<at>Safeguarding</at> help', '?', 'hi', 'Hello!', 'hello.'])('reads %j as help', (t) => {
    expect(parseCommand(t)).toEqual({ kind: 'help' });
  });

  it.each([
    ['add Attendance concerns for AB (Y9)', 'Attendance concerns for AB (Y9)'],
    ['Add: Case ref 2027-114', 'Case ref 2027-114'],
    ['please add Training on online safety', 'Training on online safety'],
    ['add item Workload   and wellbeing ', 'Workload and wellbeing'],
    ['<at>Safeguarding Supervision</at> ADD item: Follow up CD referral', 'Follow up CD referral'],
    ['<p>add <b>Drift</b> in EF&#39;s plan &amp; next steps</p>', "Drift in EF's plan & next steps"],
    ['add to the agenda: Core group minutes', 'Core group minutes'],
    ['Can you add - LADO advice', 'LADO advice'],
    ['add itemised costs for training', 'itemised costs for training'],
    // Pasted text can carry invisible characters (zero-width spaces, a right-to-left override): dropped.
    ['add Work\u200bload and \u202ewellbeing', 'Workload and wellbeing'],
  ])('reads %j as add, keeping the text as typed', (t, text) => {
    expect(parseCommand(t)).toEqual({ kind: 'add', text });
  });

  it.each(['add', 'Add:', 'please add item', 'add item'])('reads %j as add with no text (the caller asks for it)', (t) => {
    expect(parseCommand(t)).toEqual({ kind: 'add', text: '' });
  });

  it.each(['agenda', 'Agenda?', 'show agenda', 'Show me the agenda', 'my agenda', 'what\u2019s on the agenda?', 'view the agenda please'])('reads %j as agenda', (t) => {
    expect(parseCommand(t)).toEqual({ kind: 'agenda' });
  });

  it.each(['next', 'Next session', 'when is my next session?', "When's my next session", 'my next supervision', 'when is my next supervision session'])('reads %j as next', (t) => {
    expect(parseCommand(t)).toEqual({ kind: 'next' });
  });

  it.each([
    ['remove 2', 2],
    ['delete item 2', 2],
    ['remove #2', 2],
    ['Remove # 12.', 12],
    ['remove item no. 3', 3],
    ['please delete 1', 1],
  ])('reads %j as remove item %d', (t, n) => {
    expect(parseCommand(t)).toEqual({ kind: 'remove', number: n });
  });

  it.each(['remove', 'remove abc', 'remove 0', 'remove -1', 'remove 2.5', 'delete item', 'remove 99999999999999999999'])('reads %j as remove with no usable number', (t) => {
    expect(parseCommand(t)).toEqual({ kind: 'remove', number: undefined });
  });

  it.each([
    'reschedule',
    'Postpone',
    'postpone my next session',
    "I can't make it",
    'cant make it',
    'I can\u2019t make it!',
    'I cannot make it tomorrow',
    "can't attend",
    'move my session',
  ])('reads %j as reschedule', (t) => {
    expect(parseCommand(t)).toEqual({ kind: 'reschedule' });
  });

  it('treats anything else as not understood', () => {
    expect(parseCommand('book me a session')).toEqual({ kind: 'unknown', text: 'book me a session' });
    expect(parseCommand(undefined).kind).toBe('unknown');
    expect(parseCommand('').kind).toBe('unknown');
    expect(parseCommand('address the agenda').kind).toBe('unknown');
    expect(parseCommand('removed it').kind).toBe('unknown');
  });
});

describe('BOT_COMMANDS', () => {
  it('lists each command once, with a plain description', () => {
    expect(BOT_COMMANDS.map((c) => c.title)).toEqual(['add <item>', 'agenda', 'next', 'remove <number>', 'reschedule', 'help']);
    for (const c of BOT_COMMANDS) expect(c.description.length).toBeGreaterThan(10);
  });

  it('every title, typed as shown, is understood', () => {
    expect(parseCommand('add Workload').kind).toBe('add');
    expect(parseCommand('remove 1').kind).toBe('remove');
    for (const title of ['agenda', 'next', 'reschedule', 'help']) expect(parseCommand(title).kind).toBe(title);
  });
});
