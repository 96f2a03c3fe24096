import { describe, expect, it } from 'vitest';
import type { DashboardRow } from '../../api/operations/compliance.js';
import { ALL_SCHOOLS_TITLE, chartGroups, filterChoices, filterRows, nextSort, NO_FILTERS, sortRows, statusDetail, summarise, tallySentence } from './compliance-text.js';

function row(over: Partial<DashboardRow>): DashboardRow {
  return {
    arrangementId: 'a1',
    schoolId: 'school',
    superviseeId: 's1',
    superviseeName: 'Liam Doherty',
    superviseeRole: 'class-teacher',
    supervisorId: 'g',
    supervisorName: 'Grace Mwangi',
    format: 'individual',
    status: 'on-track',
    findings: [],
    unsignedRecords: 0,
    contract: 'signed',
    openActions: 0,
    overdueActions: 0,
    decisionsAwaiting: 0,
    decisionsOverdue: 0,
    unreachable: false,
    ...over,
  };
}

const role = (r: string) => ({ 'class-teacher': 'Class teacher', 'teaching-assistant': 'Teaching assistant' })[r] ?? r;

const overdue = row({
  arrangementId: 'a2',
  superviseeId: 's2',
  superviseeName: 'Amara Bello',
  superviseeRole: 'teaching-assistant',
  supervisorId: 'h',
  supervisorName: 'Hannah Lee',
  status: 'overdue',
  lastSession: '2026-09-10T09:00:00Z',
  findings: [{ rule: 'overdue-cadence', status: 'overdue', arrangementId: 'a2', subjectId: 'a2', dueBy: '2026-10-23', message: 'No session was held in Autumn 1.' }],
  unsignedRecords: 2,
  contract: 'not-signed',
  decisionsAwaiting: 1,
  unreachable: true,
});
const groupA = row({
  arrangementId: 'g1',
  superviseeId: 's3',
  superviseeName: 'Cara Dunn',
  status: 'due-soon',
  unsignedRecords: 1,
  contract: 'overdue',
  nextSession: '2026-12-10T10:00:00Z',
});
const groupB = row({ arrangementId: 'g1', superviseeId: 's4', superviseeName: 'Ben Ortiz', status: 'due-soon', unsignedRecords: 1, contract: 'overdue' });
const rows = [overdue, groupA, groupB, row({})];

describe('summarise', () => {
  it('counts statuses per supervisee and records, decisions and contracts once per arrangement', () => {
    expect(summarise(rows)).toEqual({ overdue: 1, dueSoon: 2, onTrack: 1, awaitingSignature: 3, decisionsAwaiting: 1, contractsMissing: 2, unreachable: 1 });
    expect(summarise([])).toEqual({ overdue: 0, dueSoon: 0, onTrack: 0, awaitingSignature: 0, decisionsAwaiting: 0, contractsMissing: 0, unreachable: 0 });
  });
});

describe('filterRows and filterChoices', () => {
  it('keeps the rows that match every filter set', () => {
    expect(filterRows(rows, NO_FILTERS)).toHaveLength(4);
    expect(filterRows(rows, { ...NO_FILTERS, status: 'due-soon' }).map((r) => r.superviseeName)).toEqual(['Cara Dunn', 'Ben Ortiz']);
    expect(filterRows(rows, { ...NO_FILTERS, supervisorId: 'h' }).map((r) => r.superviseeName)).toEqual(['Amara Bello']);
    expect(filterRows(rows, { ...NO_FILTERS, role: 'class-teacher', status: 'overdue' })).toEqual([]);
    expect(filterRows(rows, { ...NO_FILTERS, schoolId: 'other' })).toEqual([]);
  });

  it('offers each supervisor and role once, by name', () => {
    expect(filterChoices(rows, role)).toEqual({
      supervisors: [
        { id: 'g', name: 'Grace Mwangi' },
        { id: 'h', name: 'Hannah Lee' },
      ],
      roles: [
        { id: 'class-teacher', name: 'Class teacher' },
        { id: 'teaching-assistant', name: 'Teaching assistant' },
      ],
    });
  });
});

describe('sortRows and nextSort', () => {
  const names = (sorted: DashboardRow[]) => sorted.map((r) => r.superviseeName);

  it('sorts by name, status, dates and counts, ties by name', () => {
    expect(names(sortRows(rows, { key: 'supervisee', direction: 'ascending' }, role))).toEqual(['Amara Bello', 'Ben Ortiz', 'Cara Dunn', 'Liam Doherty']);
    expect(names(sortRows(rows, { key: 'supervisee', direction: 'descending' }, role))).toEqual(['Liam Doherty', 'Cara Dunn', 'Ben Ortiz', 'Amara Bello']);
    expect(names(sortRows(rows, { key: 'status', direction: 'descending' }, role))).toEqual(['Amara Bello', 'Ben Ortiz', 'Cara Dunn', 'Liam Doherty']);
    expect(names(sortRows(rows, { key: 'next', direction: 'ascending' }, role))[0]).toBe('Cara Dunn');
    expect(names(sortRows(rows, { key: 'last', direction: 'descending' }, role))[0]).toBe('Amara Bello');
    expect(names(sortRows(rows, { key: 'records', direction: 'descending' }, role))).toEqual(['Amara Bello', 'Ben Ortiz', 'Cara Dunn', 'Liam Doherty']);
    expect(names(sortRows(rows, { key: 'role', direction: 'ascending' }, role)).at(-1)).toBe('Amara Bello');
  });

  it('does not change the rows it is given', () => {
    const copy = [...rows];
    sortRows(rows, { key: 'supervisee', direction: 'ascending' }, role);
    expect(rows).toEqual(copy);
  });

  it('turns a column round, and starts a new one in its natural order', () => {
    expect(nextSort({ key: 'status', direction: 'descending' }, 'status')).toEqual({ key: 'status', direction: 'ascending' });
    expect(nextSort({ key: 'status', direction: 'descending' }, 'supervisee')).toEqual({ key: 'supervisee', direction: 'ascending' });
    expect(nextSort({ key: 'supervisee', direction: 'ascending' }, 'records')).toEqual({ key: 'records', direction: 'descending' });
  });
});

describe('words', () => {
  it('gives the first finding with its due date, or says nothing is due', () => {
    expect(statusDetail(overdue)).toBe('No session was held in Autumn 1. Due by Fri 23 Oct 2026.');
    expect(statusDetail(row({}))).toBe('Nothing due or overdue.');
  });

  it('describes a chart’s half terms in a sentence', () => {
    const windows = [
      { schoolId: 'a', windowId: 'y:1', label: 'Autumn 1 2026/27', due: 4, held: 3 },
      { schoolId: 'a', windowId: 'y:2', label: 'Autumn 2 2026/27', due: 4, held: 1 },
    ];
    expect(tallySentence(windows)).toBe('Autumn 1 2026/27: 3 held of 4 due. Autumn 2 2026/27: 1 held of 4 due.');
    expect(tallySentence([])).toBe('No sessions were due yet.');
  });

  it('charts all schools together, then each school in the trust’s order; one school or a chosen school gets one chart', () => {
    const windows = [
      { schoolId: 'b', windowId: 'y:1', label: 'Autumn 1 2026/27', due: 2, held: 2 },
      { schoolId: 'a', windowId: 'y:1', label: 'Autumn 1 2026/27', due: 4, held: 3 },
      { schoolId: 'a', windowId: 'y:2', label: 'Autumn 2 2026/27', due: 4, held: 1 },
    ];
    const schools = [
      { id: 'a', name: 'Ash Primary' },
      { id: 'b', name: 'Birch Academy' },
      { id: 'c', name: 'Cedar School' },
    ];
    const groups = chartGroups({ windows, schools }, '');
    expect(groups.map((g) => g.title)).toEqual([ALL_SCHOOLS_TITLE, 'Ash Primary', 'Birch Academy', 'Cedar School']);
    expect(groups[0]?.windows.map((w) => [w.label, w.held, w.due])).toEqual([
      ['Autumn 1 2026/27', 5, 6],
      ['Autumn 2 2026/27', 1, 4],
    ]);
    expect(groups[1]?.windows.map((w) => w.windowId)).toEqual(['y:1', 'y:2']);
    expect(groups[3]?.windows).toEqual([]);
    expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);

    expect(chartGroups({ windows, schools }, 'b')).toEqual([{ key: 'b', title: 'Birch Academy', windows: [windows[0]] }]);
    expect(chartGroups({ windows, schools }, 'c')).toEqual([]);
    expect(chartGroups({ windows: [], schools }, '')).toEqual([]);

    const one = [{ id: 'school', name: 'All staff' }];
    expect(chartGroups({ windows, schools: one }, '')).toEqual([{ key: 'all', title: 'All supervision', windows }]);
    expect(chartGroups({ windows: [], schools: one }, '')).toEqual([]);
  });
});
