import { describe, expect, it } from 'vitest';
import { buildSessionChoiceCard } from './session-choice-card.js';
import { cardProblems } from '../../../tests/support/card-problems.js';
import { cardRuleProblems, executes, type Json, ofType, toJson } from './test-helpers.js';

/** The card as Teams receives it, after checking it against the renderer and the bot's card rules. */
function expectWellFormed(card: unknown): Json {
  const json = toJson(card);
  expect([...cardProblems(json), ...cardRuleProblems(json)]).toEqual([]);
  return json;
}

describe('session choice card', () => {
  const card = expectWellFormed(
    buildSessionChoiceCard({
      itemText: 'Case ref 2027-114',
      sessions: [
        { sessionId: 's1', start: '2026-06-16T08:00:00Z', withNames: ['Anna Fielding'] },
        { sessionId: 's2', start: '2026-06-18T13:00:00Z', withNames: ['Chris Doyle', 'Dee Patel'] },
      ],
    }),
  );

  it('asks which session, one button per session adding the item to it', () => {
    expect(ofType(card, 'TextBlock')[0]).toMatchObject({ text: 'Which session is this for?', style: 'heading' });
    expect(executes(card).map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Tue 16 Jun 2026, 09:00 with Anna Fielding', 'agenda.add', { action: 'agenda.add', sessionId: 's1', itemText: 'Case ref 2027-114' }],
      ['Thu 18 Jun 2026, 14:00 with Chris Doyle and Dee Patel', 'agenda.add', { action: 'agenda.add', sessionId: 's2', itemText: 'Case ref 2027-114' }],
    ]);
  });
});
