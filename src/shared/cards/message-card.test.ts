import { describe, expect, it } from 'vitest';
import { buildMessageCard } from './message-card.js';
import { cardProblems } from '../../../tests/support/card-problems.js';
import { cardRuleProblems, type Json, ofType, toJson } from './test-helpers.js';

/** The card as Teams receives it, after checking it against the renderer and the bot's card rules. */
function expectWellFormed(card: unknown): Json {
  const json = toJson(card);
  expect([...cardProblems(json), ...cardRuleProblems(json)]).toEqual([]);
  return json;
}

describe('message card', () => {
  it('a heading and a line of text', () => {
    const card = expectWellFormed(buildMessageCard('No upcoming sessions', 'You have no upcoming sessions.'));
    expect(ofType(card, 'TextBlock').map((t) => [t.text, t.style])).toEqual([
      ['No upcoming sessions', 'heading'],
      ['You have no upcoming sessions.', undefined],
    ]);
    expect(card.fallbackText).toBe('No upcoming sessions: You have no upcoming sessions.');
    expect(card.actions).toBeUndefined();
  });

  it('the card-rule check used by the card tests catches a broken card', () => {
    const json = toJson(buildMessageCard('Title', 'Text'));
    json.version = '1.2';
    (json.body as Json[]).push(
      { type: 'TextBlock', text: 'no wrap' },
      { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Go', verb: 'agenda.open', data: { action: 'agenda.add' } }] },
    );
    expect(cardRuleProblems(json)).toEqual(['version is 1.2', 'text does not wrap: no wrap', 'Action.Execute "Go": data.action is not the verb']);
  });
});
