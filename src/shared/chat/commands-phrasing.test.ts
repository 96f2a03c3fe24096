import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from './commands.js';

describe('parseCommand: phrasing people type', () => {
  it.each([
    ['remove 2 please', 2],
    ['Remove 2 thanks', 2],
    ['remove item 3, thank you.', 3],
    ['delete #4 pls', 4],
  ])('reads %j as remove item %d (thanks after the number)', (t, n) => {
    expect(parseCommand(t)).toEqual({ kind: 'remove', number: n });
  });

  it.each([
    ['Sorry, I can\u2019t make it', { kind: 'reschedule' }],
    ['sorry cant make it', { kind: 'reschedule' }],
    ['Hi, add Workload since the new term', { kind: 'add', text: 'Workload since the new term' }],
    ['hey agenda', { kind: 'agenda' }],
    ['Hello, when is my next session?', { kind: 'next' }],
    ['Hi! remove 2', { kind: 'remove', number: 2 }],
  ])('reads %j after a greeting or an apology', (t, parsed) => {
    expect(parseCommand(t)).toEqual(parsed);
  });

  it.each(['hi', 'Hello!', 'hey.'])('still reads a greeting alone (%j) as help', (t) => {
    expect(parseCommand(t)).toEqual({ kind: 'help' });
  });

  it('any number after "remove" then thanks is read as that number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom('please', 'thanks', 'thank you', 'pls'), fc.constantFrom(' ', ', '), (n, thanks, sep) => {
        expect(parseCommand(`remove ${n}${sep}${thanks}`)).toEqual({ kind: 'remove', number: n });
      }),
    );
  });
});

describe('parseCommand: oversized messages', () => {
  // The bot reads every message; a pasted wall of angle brackets or mentions must not hold the server up.
  it.each([
    ['unclosed tags', '<'.repeat(200_000)],
    ['unclosed mentions', '<at>'.repeat(50_000)],
    ['trailing pleases', `x${' please'.repeat(30_000)} y`],
  ])('reads %s of 200,000 characters quickly', { timeout: 1000 }, (_, text) => {
    expect(parseCommand(text).kind).toBe('unknown');
  });
});
