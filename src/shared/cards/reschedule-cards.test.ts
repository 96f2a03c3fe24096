import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input.js';
import { POSTPONEMENT_REASONS, POSTPONEMENT_REASON_TEXT } from '../sessions/session.js';
import { parseCardAction } from './card-actions.js';
import { buildEscalationCard, buildNoSlotCard, buildPostponedNoticeCard, buildReasonCard, buildSlotsCard, MAX_SLOTS_OFFERED } from './reschedule-cards.js';
import { cardProblems } from '../../../tests/support/card-problems.js';
import { cardRuleProblems, executes, type Json, ofType, textOf, toJson } from './test-helpers.js';

/** The card as Teams receives it, after checking it against the renderer and the bot's card rules. */
function expectWellFormed(card: unknown): Json {
  const json = toJson(card);
  expect([...cardProblems(json), ...cardRuleProblems(json)]).toEqual([]);
  return json;
}

describe('reason card', () => {
  const card = expectWellFormed(buildReasonCard('s1', '2026-06-16T08:00:00Z'));

  it('asks for a required reason from the list, an optional short note, then "Find a new time"', () => {
    const choice = ofType(card, 'Input.ChoiceSet')[0] as Json;
    expect(choice).toMatchObject({ id: 'reason', isRequired: true });
    expect(choice.choices).toEqual(POSTPONEMENT_REASONS.map((r) => ({ title: POSTPONEMENT_REASON_TEXT[r], value: r })));
    const note = ofType(card, 'Input.Text')[0] as Json;
    expect(note).toMatchObject({ id: 'note', maxLength: 200 });
    expect(String(note.placeholder)).toContain('no case detail');
    expect(executes(card).map((a) => [a.verb, a.data])).toEqual([['reschedule.reason', { action: 'reschedule.reason', sessionId: 's1' }]]);
    expect(textOf(card)).toContain('Tue 16 Jun 2026, 09:00');
  });

  it('what it sends (data plus inputs) is read back', () => {
    const a = executes(card)[0] as Json;
    expect(parseCardAction(a.verb, { ...(a.data as Json), reason: 'illness', note: 'On a course' })).toEqual({
      ok: true,
      action: { action: 'reschedule.reason', sessionId: 's1', reason: 'illness', note: 'On a course' },
    });
  });
});

describe('slots card', () => {
  const slots = Array.from({ length: 10 }, (_, i) => ({
    start: `2026-06-${17 + (i % 3)}T${String(8 + Math.floor(i / 3)).padStart(2, '0')}:00:00Z`,
    end: `2026-06-${17 + (i % 3)}T${String(9 + Math.floor(i / 3)).padStart(2, '0')}:00:00Z`,
  }));
  const card = expectWellFormed(
    buildSlotsCard({ sessionId: 's1', originalStart: '2026-06-16T08:00:00Z', currentStart: '2026-06-16T10:00:00Z', deadline: '2026-06-23', slots, reason: 'clash', note: 'Trip' }),
  );

  it('offers at most 8 times, best first, each picking its start with the reason, the note and the time it moves from', () => {
    const picks = executes(card);
    expect(picks).toHaveLength(MAX_SLOTS_OFFERED);
    expect(picks[0]).toMatchObject({
      title: 'Wed 17 Jun 2026, 09:00\u201310:00',
      verb: 'reschedule.pick',
      data: { action: 'reschedule.pick', sessionId: 's1', start: slots[0]?.start, reason: 'clash', note: 'Trip', fromStart: '2026-06-16T10:00:00Z' },
    });
    expect(picks.map((p) => (p.data as Json).start)).toEqual(slots.slice(0, 8).map((s) => s.start));
    expect(textOf(card)).toContain('Tue 23 Jun 2026');
  });

  it('leaves the note out when there is none', () => {
    const json = expectWellFormed(
      buildSlotsCard({
        sessionId: 's1',
        originalStart: '2026-06-16T08:00:00Z',
        currentStart: '2026-06-16T08:00:00Z',
        deadline: '2026-06-23',
        slots: slots.slice(0, 1),
        reason: 'illness',
      }),
    );
    expect(executes(json)[0]?.data).toEqual({ action: 'reschedule.pick', sessionId: 's1', start: slots[0]?.start, reason: 'illness', fromStart: '2026-06-16T08:00:00Z' });
  });
});

describe('no-slot, moved and escalation cards', () => {
  it('no slot: says no time within one working week and that the supervisor and admin have been told', () => {
    const text = textOf(expectWellFormed(buildNoSlotCard({ originalStart: '2026-06-16T08:00:00Z', deadline: '2026-06-23' })));
    expect(text).toContain('within one working week');
    expect(text).toContain('Tue 23 Jun 2026');
    expect(text).toMatch(/supervisor and the safeguarding admin have been told/);
  });

  it('moved: from, to, by whom and why', () => {
    const text = textOf(
      expectWellFormed(buildPostponedNoticeCard({ fromStart: '2026-06-16T08:00:00Z', toStart: '2026-06-18T13:00:00Z', byName: 'Ben Okafor', reasonText: 'Illness or absence' })),
    );
    expect(text).toContain('Was: Tue 16 Jun 2026, 09:00');
    expect(text).toContain('Now: Thu 18 Jun 2026, 14:00');
    expect(text).toContain('Moved by: Ben Okafor');
    expect(text).toContain('Reason: Illness or absence');
  });

  it('escalation: the facts and a link to the session', () => {
    const json = expectWellFormed(
      buildEscalationCard({
        sessionStart: '2026-06-16T08:00:00Z',
        deadline: '2026-06-23',
        partyNames: ['Anna Fielding', 'Ben Okafor'],
        sessionLink: 'https://example.test/sessions/s1',
      }),
    );
    expect(textOf(json)).toContain('Re-hold by: Tue 23 Jun 2026');
    expect(textOf(json)).toContain('People: Anna Fielding and Ben Okafor');
    expect(ofType(json, 'Action.OpenUrl')).toEqual([expect.objectContaining({ url: 'https://example.test/sessions/s1', title: 'Open the session' })]);
    expect(() => buildEscalationCard({ sessionStart: '2026-06-16T08:00:00Z', deadline: '2026-06-23', partyNames: [], sessionLink: 'javascript:alert(1)' })).toThrow(
      InvalidInputError,
    );
  });
});
