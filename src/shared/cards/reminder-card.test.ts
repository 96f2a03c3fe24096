import { describe, expect, it } from 'vitest';
import { buildAgendaView, DEFAULT_AGENDA_TEMPLATE } from '../agenda/agenda.js';
import { buildReminderCard } from './reminder-card.js';
import { cardProblems } from '../../../tests/support/card-problems.js';
import { cardRuleProblems, executes, type Json, ofType, textOf, toJson } from './test-helpers.js';

/** The card as Teams receives it, after checking it against the renderer and the bot's card rules. */
function expectWellFormed(card: unknown): Json {
  const json = toJson(card);
  expect([...cardProblems(json), ...cardRuleProblems(json)]).toEqual([]);
  return json;
}

const base = {
  session: { id: 's1', start: '2026-12-03T13:00:00Z', end: '2026-12-03T14:00:00Z', windowLabel: 'Autumn 2 2026/27' },
  supervisorName: 'Anna Fielding',
  superviseeNames: ['Ben Okafor'],
  template: DEFAULT_AGENDA_TEMPLATE,
  openActions: [],
};

describe('reminder card', () => {
  const view = buildAgendaView({
    ...base,
    items: [
      { id: 'a', sessionId: 's1', sectionId: 'aob', text: 'Workload and wellbeing', addedById: 'u-ben', addedByName: 'Ben Okafor', addedAt: '2026-11-20T09:00:00Z' },
      { id: 'b', sessionId: 's1', sectionId: 'cases', text: 'Case ref 2027-114', addedById: 'u-anna', addedByName: 'Anna Fielding', addedAt: '2026-11-21T09:00:00Z' },
    ],
  });
  const card = expectWellFormed(buildReminderCard(view, 'u-ben'));

  it('says which day (true however late it is sent or updated), when and with whom', () => {
    expect(ofType(card, 'TextBlock')[0]).toMatchObject({ text: 'Supervision reminder: Thu 3 Dec 2026', style: 'heading' });
    expect(textOf(card)).toContain('When: Thu 3 Dec 2026, 13:00\u201314:00');
    expect(textOf(card)).toContain('Supervisor: Anna Fielding');
    expect(textOf(card)).not.toMatch(/working day/);
  });

  it('names the London day, not the UTC one, for a session just after midnight in summer', () => {
    const early = buildAgendaView({ ...base, session: { ...base.session, start: '2027-06-30T23:30:00Z', end: '2027-07-01T00:30:00Z' }, items: [] });
    expect(ofType(expectWellFormed(buildReminderCard(early, 'u-ben')), 'TextBlock')[0]).toMatchObject({ text: 'Supervision reminder: Thu 1 Jul 2027' });
  });

  it('lists the items numbered as on the agenda card', () => {
    expect(textOf(card)).toContain('1. Case ref 2027-114 (Anna Fielding)');
    expect(textOf(card)).toContain('2. Workload and wellbeing (you)');
    const none = expectWellFormed(buildReminderCard(buildAgendaView({ ...base, items: [] }), 'u-ben'));
    expect(textOf(none)).toContain('No items yet');
  });

  it('has the add box, "Add item", "Open agenda" and "I can\u2019t make it"', () => {
    expect(ofType(card, 'Input.Text').map((i) => i.id)).toEqual(['itemText']);
    expect(executes(card).map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Add item', 'agenda.add', { action: 'agenda.add', sessionId: 's1' }],
      ['Open agenda', 'agenda.open', { action: 'agenda.open', sessionId: 's1' }],
      ['I can\u2019t make it', 'reschedule.start', { action: 'reschedule.start', sessionId: 's1' }],
    ]);
    expect((executes(card)[2] as Json).associatedInputs).toBe('none');
  });
});
