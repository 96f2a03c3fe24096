import { describe, expect, it } from 'vitest';
import { cardProblems } from '../../../tests/support/card-problems.js';
import { buildEntitlementCard } from './escalation-cards.js';
import { cardRuleProblems, executes, type Json, textOf, toJson } from './test-helpers.js';

function expectWellFormed(card: unknown): Json {
  const json = toJson(card);
  expect([...cardProblems(json), ...cardRuleProblems(json)]).toEqual([]);
  return json;
}

// Fictional people: Grace Mwangi supervises the supervisee the card is for.
const base = { arrangementId: 'a1', supervisorName: 'Grace Mwangi', dueBy: '2026-11-20', link: 'https://tab.example/' };

describe('the supervisee\u2019s overdue card', () => {
  it('says the supervisor and their line manager were told, and offers a three-way meeting', () => {
    const card = expectWellFormed(buildEntitlementCard(base));
    expect(textOf(card)).toContain('Your supervisor, Grace Mwangi, and their line manager have been told.');
    expect(executes(card).map((a) => a.verb)).toEqual(['escalation.requestMeeting']);
  });

  it('with no line manager in the directory: says only the supervisor was told, points to the DSL, and offers no meeting it could not book', () => {
    const card = expectWellFormed(buildEntitlementCard({ ...base, managerKnown: false }));
    expect(textOf(card)).toContain('Your supervisor, Grace Mwangi, has been told.');
    expect(textOf(card)).toContain('ask the designated safeguarding lead');
    expect(textOf(card)).not.toMatch(/line manager have been told/);
    expect(executes(card)).toEqual([]);
  });
});
