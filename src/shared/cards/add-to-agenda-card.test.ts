import { describe, expect, it } from 'vitest';
import {
  ADD_TO_AGENDA_COMMAND_ID,
  buildAddedToAgendaCard,
  buildAddToAgendaCard,
  buildNoSessionToAddToCard,
  CHILD_NAME_REMINDER,
  parseAddToAgendaSubmit,
  PREFILL_NAMES_A_CHILD,
} from './add-to-agenda-card.js';
import { NAME_REMINDER } from './agenda-card.js';
import { cardProblems } from '../../../tests/support/card-problems.js';
import { cardRuleProblems, type Json, ofType, textOf, toJson } from './test-helpers.js';

/**
 * The card as Teams receives it, checked against the renderer and the bot's card rules, except one: a Teams
 * dialog submits with Action.Submit (composeExtension/submitAction), so the form uses it and no Action.Execute.
 */
function expectWellFormed(card: unknown): Json {
  const json = toJson(card);
  expect([...cardProblems(json), ...cardRuleProblems(json).filter((p) => p !== 'Action.Submit used')]).toEqual([]);
  expect(ofType(json, 'Action.Execute')).toEqual([]);
  return json;
}

const GRACE_SESSION = { sessionId: 's1', start: '2026-06-16T08:00:00Z', withNames: ['Grace Mwangi'] };
const GROUP_SESSION = { sessionId: 's2', start: '2026-06-18T13:00:00Z', withNames: ['Chris Doyle', 'Dee Patel'] };

describe('add to agenda card (the message extension dialog)', () => {
  it('the message text prefilled and editable, the reminder, one session preselected, and one Submit', () => {
    const card = expectWellFormed(buildAddToAgendaCard({ text: 'Workload since September', sessions: [GRACE_SESSION] }));
    expect(ofType(card, 'TextBlock')[0]).toMatchObject({ text: 'Add to supervision agenda', style: 'heading' });
    expect(ofType(card, 'Input.Text')).toEqual([
      expect.objectContaining({ id: 'itemText', value: 'Workload since September', isMultiline: true, maxLength: 500, isRequired: true, placeholder: CHILD_NAME_REMINDER }),
    ]);
    expect(textOf(card)).toContain('Use initials or a case reference, never a child\u2019s name.');
    const [choice] = ofType(card, 'Input.ChoiceSet');
    expect(choice).toMatchObject({ id: 'sessionId', value: 's1', isRequired: true });
    expect((choice?.choices as Json[]).map((c) => [c.title, c.value])).toEqual([['Tue 16 Jun 2026, 09:00 with Grace Mwangi', 's1']]);
    const submits = ofType(card, 'Action.Submit');
    expect(submits.map((s) => [s.title, s.data])).toEqual([['Add to agenda', { form: ADD_TO_AGENDA_COMMAND_ID }]]);
    expect(textOf(card)).not.toContain(PREFILL_NAMES_A_CHILD);
  });

  it('the Submit carries the id of this opening of the dialog, when given, so a retried submit is known', () => {
    const card = expectWellFormed(buildAddToAgendaCard({ text: '', sessions: [GRACE_SESSION], submissionId: 'd1' }));
    expect(ofType(card, 'Action.Submit').map((s) => s.data)).toEqual([{ form: ADD_TO_AGENDA_COMMAND_ID, submissionId: 'd1' }]);
  });

  it('several sessions: none preselected, the person chooses', () => {
    const card = expectWellFormed(buildAddToAgendaCard({ text: '', sessions: [GRACE_SESSION, GROUP_SESSION] }));
    const [choice] = ofType(card, 'Input.ChoiceSet');
    expect(choice?.value).toBeUndefined();
    expect(choice?.label).toBe('Which session is this for?');
    expect((choice?.choices as Json[]).map((c) => c.title)).toEqual(['Tue 16 Jun 2026, 09:00 with Grace Mwangi', 'Thu 18 Jun 2026, 14:00 with Chris Doyle and Dee Patel']);
    expect(ofType(card, 'Input.Text')[0]?.value).toBe('');
  });

  it('a shortened message and a text that seems to name a child are both said', () => {
    const card = expectWellFormed(buildAddToAgendaCard({ text: 'About Jamie Carter in 9B', shortened: true, namesAChild: true, sessions: [GRACE_SESSION] }));
    const text = textOf(card);
    expect(text).toContain(PREFILL_NAMES_A_CHILD);
    expect(text).toMatch(/longer than 500 characters, so only its beginning is here/);
  });

  it('markup in the prefilled text stays text: it is a text box value, not a TextBlock', () => {
    const card = expectWellFormed(buildAddToAgendaCard({ text: '[link](https://example.org) **bold**', sessions: [GRACE_SESSION] }));
    expect(textOf(card)).not.toContain('example.org');
    expect(ofType(card, 'Input.Text')[0]?.value).toBe('[link](https://example.org) **bold**');
  });

  it('no session booked: a plain message, no input and no button', () => {
    const card = expectWellFormed(buildNoSessionToAddToCard());
    expect(textOf(card)).toMatch(/^No session booked\nYou have no upcoming supervision session booked/);
    expect(ofType(card, 'Input.Text')).toEqual([]);
    expect(ofType(card, 'Input.ChoiceSet')).toEqual([]);
    expect(ofType(card, 'Action.Submit')).toEqual([]);
  });

  it('added: the item number and the session, never the text, and the name reminder when needed', () => {
    const card = expectWellFormed(buildAddedToAgendaCard({ number: 3, start: '2026-06-16T08:00:00Z', namesAChild: false }));
    expect(textOf(card)).toMatch(/^Added to the agenda\nAdded as item 3 to the agenda for Tue 16 Jun 2026, 09:00\./);
    expect(textOf(card)).not.toContain(NAME_REMINDER);
    expect(textOf(expectWellFormed(buildAddedToAgendaCard({ number: 1, start: '2026-06-16T08:00:00Z', namesAChild: true })))).toContain(NAME_REMINDER);
  });
});

describe('parseAddToAgendaSubmit (the form data, as Teams sends it)', () => {
  it('accepts the inputs and strips anything else', () => {
    expect(parseAddToAgendaSubmit({ form: 'addToAgenda', itemText: 'Workload', sessionId: 's1', caller: 'someone-else' })).toEqual({
      ok: true,
      value: { itemText: 'Workload', sessionId: 's1' },
    });
  });

  it('keeps the submission id, and treats one that is not text as none (the item is still added)', () => {
    expect(parseAddToAgendaSubmit({ itemText: 'Workload', sessionId: 's1', submissionId: 'd1' })).toEqual({
      ok: true,
      value: { itemText: 'Workload', sessionId: 's1', submissionId: 'd1' },
    });
    expect(parseAddToAgendaSubmit({ itemText: 'Workload', sessionId: 's1', submissionId: { forged: true } })).toEqual({
      ok: true,
      value: { itemText: 'Workload', sessionId: 's1' },
    });
  });

  it.each<[string, unknown, string, RegExp]>([
    ['not an object', ['s1', 'Workload'], 'data', /sent no details/],
    ['null', null, 'data', /sent no details/],
    ['no session chosen', { itemText: 'Workload', sessionId: '' }, 'sessionId', /^Choose the session to add this to\.$/],
    ['session missing', { itemText: 'Workload' }, 'sessionId', /^Choose the session/],
    ['session not a string', { itemText: 'Workload', sessionId: 42 }, 'sessionId', /session is not valid/],
    ['session id too long', { itemText: 'Workload', sessionId: 's'.repeat(201) }, 'sessionId', /session is not valid/],
    ['text missing', { sessionId: 's1' }, 'itemText', /did not send the item text/],
    ['text not a string', { sessionId: 's1', itemText: { text: 'x' } }, 'itemText', /item text is not valid/],
    ['text too long', { sessionId: 's1', itemText: 'a'.repeat(501) }, 'itemText', /too long: use 500 characters or fewer/],
  ])('refuses %s, in plain words that never repeat it', (_name, data, field, message) => {
    const parsed = parseAddToAgendaSubmit(data);
    expect(parsed).toMatchObject({ ok: false, field });
    if (parsed.ok) return;
    expect(parsed.message).toMatch(message);
    expect(parsed.message).toMatch(/^[A-Z][^<>{}[\]\n]*[.!]$/);
    expect(parsed.message).not.toMatch(/aaaa|sss|42/);
  });
});
