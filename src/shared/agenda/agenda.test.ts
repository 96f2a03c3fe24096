import { describe, expect, it } from 'vitest';
import {
  AGENDA_ITEM_MAX_LENGTH,
  agendaItemSchema,
  agendaItemText,
  buildAgendaView,
  canChangeItem,
  dateText,
  DEFAULT_AGENDA_TEMPLATE,
  DEFAULT_SECTION_ID,
  numberedItems,
  sessionTimeText,
  type AgendaItem,
} from './agenda.js';
import { looksLikeChildName } from './child-name.js';
import { refusalOf } from '../errors/refusal-of.js';

const refusal = refusalOf;

function item(over: Partial<AgendaItem> & Pick<AgendaItem, 'id'>): AgendaItem {
  return {
    sessionId: 's1',
    sectionId: 'cases',
    text: `Item ${over.id}`,
    addedById: 'u-anna',
    addedByName: 'Anna Fielding',
    addedAt: '2026-06-10T09:00:00Z',
    ...over,
  };
}

describe('agenda item schema', () => {
  it('accepts a valid item and refuses a rolled-over date, empty or long text', () => {
    expect(agendaItemSchema.safeParse(item({ id: 'i1' })).success).toBe(true);
    expect(agendaItemSchema.safeParse(item({ id: 'i1', editedAt: '2026-06-11T10:00:00Z' })).success).toBe(true);
    expect(agendaItemSchema.safeParse(item({ id: 'i1', addedAt: '2027-02-30T09:00:00Z' })).success).toBe(false);
    expect(agendaItemSchema.safeParse(item({ id: 'i1', editedAt: '2026-06-11 10:00' })).success).toBe(false);
    expect(agendaItemSchema.safeParse(item({ id: 'i1', text: '' })).success).toBe(false);
    expect(agendaItemSchema.safeParse(item({ id: 'i1', text: 'x'.repeat(AGENDA_ITEM_MAX_LENGTH + 1) })).success).toBe(false);
  });
});

describe('default agenda template', () => {
  it('has 4 to 6 sections with unique short ids, and the default section is one of them', () => {
    expect(DEFAULT_AGENDA_TEMPLATE.length).toBeGreaterThanOrEqual(4);
    expect(DEFAULT_AGENDA_TEMPLATE.length).toBeLessThanOrEqual(6);
    const ids = DEFAULT_AGENDA_TEMPLATE.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(DEFAULT_SECTION_ID);
    expect(ids).toEqual(expect.arrayContaining(['actions', 'cases', 'wellbeing', 'development', 'aob']));
  });
});

describe('agendaItemText', () => {
  it('trims and collapses whitespace, new lines included', () => {
    expect(agendaItemText('  Attendance   concerns\n for AB\t(Y9) ')).toBe('Attendance concerns for AB (Y9)');
  });

  it.each([
    [undefined, 'as text'],
    [42, 'as text'],
    ['   ', 'empty'],
    ['x'.repeat(501), '501 characters long: shorten it to 500'],
    ['Case ref\u0007 2027-114', 'control characters'],
    ['AB \u202eevil', 'control characters'],
  ])('refuses %j, saying what to fix', (raw, says) => {
    const e = refusal(() => agendaItemText(raw));
    expect(e.field).toBe('text');
    expect(e.message).toContain(says);
  });

  it('accepts exactly 500 characters', () => {
    expect(agendaItemText('y'.repeat(500))).toHaveLength(500);
  });
});

describe('looksLikeChildName', () => {
  it.each([
    'Attendance concerns for AB (Y9)',
    'Case ref 2027-114',
    'Training on online safety',
    'Workload and wellbeing',
    'Head of Year 8 asked about CD',
    'Online Safety Training in March',
    'Follow up with Mr John Smith about the referral',
    'Mrs Evans to chase the LADO',
    'Core Group minutes for EF',
    'Worried about Jamie in Year 8',
    'Keeping Children Safe in Education update',
    'Meeting on Monday 14 September',
  ])('is false for %j', (text) => {
    expect(looksLikeChildName(text)).toBe(false);
  });

  it.each([
    'Worried about Jamie Carter in Year 8',
    'Chloe Evans disclosed at break',
    "Update on Harry O'Neill-Smith's plan",
    'child called Sam, Year 4',
    'pupil named AB in Y6',
    'AB, DOB 03/04/2016',
    'date of birth 3 April 2016',
    'born 3/4/2016',
  ])('is true for %j', (text) => {
    expect(looksLikeChildName(text)).toBe(true);
  });
});

describe('buildAgendaView and numberedItems', () => {
  const session = { id: 's1', start: '2026-06-16T08:00:00Z', end: '2026-06-16T09:00:00Z', windowLabel: 'Summer 2 2025/26' };
  const items = [
    item({ id: 'b', sectionId: 'wellbeing', addedAt: '2026-06-10T09:00:00Z' }),
    item({ id: 'c', sectionId: 'cases', addedAt: '2026-06-11T09:00:00Z' }),
    item({ id: 'a', sectionId: 'cases', addedAt: '2026-06-11T10:00:00+01:00' }), // same instant as c, given after it: stays after it
    item({ id: 'd', sectionId: 'cases', addedAt: '2026-06-09T09:00:00Z' }),
    item({ id: 'e', sectionId: 'retired-section', addedAt: '2026-06-08T09:00:00Z' }),
    item({ id: 'x', sessionId: 'other', sectionId: 'cases' }),
    { ...item({ id: 'r', sectionId: 'cases' }), removedAt: '2026-06-12T09:00:00Z' },
  ];
  const view = buildAgendaView({
    session,
    supervisorName: 'Anna Fielding',
    superviseeNames: ['Ben Okafor'],
    template: DEFAULT_AGENDA_TEMPLATE,
    items,
    openActions: [{ text: 'Send core group minutes', ownerName: 'Ben Okafor' }],
  });

  it('groups items by section in template order, oldest first (the same instant: as given); orphans go to the last section', () => {
    expect(view.sections.map((s) => s.section.id)).toEqual(DEFAULT_AGENDA_TEMPLATE.map((s) => s.id));
    const ids = (id: string) => view.sections.find((s) => s.section.id === id)?.items.map((i) => i.id);
    expect(ids('cases')).toEqual(['d', 'c', 'a']);
    expect(ids('wellbeing')).toEqual(['b']);
    expect(ids('aob')).toEqual(['e']);
    expect(ids('actions')).toEqual([]);
  });

  it('numbers items in section order, then item order, leaving out other sessions and removed items', () => {
    expect(numberedItems(view).map((i) => i.id)).toEqual(['d', 'c', 'a', 'b', 'e']);
  });

  it('keeps the session facts and open actions', () => {
    expect(view).toMatchObject({ sessionId: 's1', start: session.start, end: session.end, windowLabel: 'Summer 2 2025/26', supervisorName: 'Anna Fielding' });
    expect(view.superviseeNames).toEqual(['Ben Okafor']);
    expect(view.openActions).toEqual([{ text: 'Send core group minutes', ownerName: 'Ben Okafor' }]);
  });

  it('refuses an empty template and a start that does not exist', () => {
    const base = { session, supervisorName: 'A', superviseeNames: [], template: DEFAULT_AGENDA_TEMPLATE, items: [], openActions: [] };
    expect(refusal(() => buildAgendaView({ ...base, template: [] })).field).toBe('template');
    expect(refusal(() => buildAgendaView({ ...base, session: { ...session, start: '2027-02-30T09:00:00Z' } })).field).toBe('session.start');
  });
});

describe('canChangeItem', () => {
  it('only the person who added the item', () => {
    expect(canChangeItem(item({ id: 'i' }), 'u-anna')).toBe(true);
    expect(canChangeItem(item({ id: 'i' }), 'u-ben')).toBe(false);
    expect(canChangeItem({ addedById: '' }, '')).toBe(false);
  });
});

describe('London time text', () => {
  it('writes summer and winter sessions in London time', () => {
    expect(sessionTimeText('2026-06-16T08:00:00Z', '2026-06-16T09:00:00Z')).toBe('Tue 16 Jun 2026, 09:00\u201310:00');
    expect(sessionTimeText('2026-12-01T09:30:00Z')).toBe('Tue 1 Dec 2026, 09:30');
    expect(sessionTimeText('2026-06-16T22:30:00Z', '2026-06-17T00:30:00Z')).toBe('Tue 16 Jun 2026, 23:30 to Wed 17 Jun 2026, 01:30');
    expect(dateText('2026-06-19')).toBe('Fri 19 Jun 2026');
    expect(refusal(() => dateText('2027-02-30')).field).toBe('date');
  });
});
