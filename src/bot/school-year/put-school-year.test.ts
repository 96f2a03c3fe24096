import { describe, expect, it } from 'vitest';
import type { SchoolCalendar } from '../../shared/calendar/academic-year.js';
import { DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27, DEFAULT_ENGLAND_2027_28 } from '../../shared/calendar/default-england.js';
import type { IsoInstant } from '../../shared/calendar/london-time.js';
import type { AuditEntry, SchoolCalendarRepository, Stored } from '../ports.js';
import { putSchoolYear } from './put-school-year.js';

const admin = { id: 'priya', roles: ['Safeguarding.Admin'] as const };

/** Like the Settings list: the first save creates the item by its key, and a repeated create returns that first item. */
function repository(): { repo: SchoolCalendarRepository; item: () => Stored<SchoolCalendar> | undefined; beforeSave: { run?: () => void } } {
  let item: Stored<SchoolCalendar> | undefined;
  let n = 0;
  const beforeSave: { run?: () => void } = {};
  const write = (value: SchoolCalendar) => (item = { value: structuredClone(value), version: JSON.stringify({ eTag: `e${++n}` }) });
  const repo: SchoolCalendarRepository = {
    get: async () => item,
    save: async (calendar, base) => {
      beforeSave.run?.();
      if (!base) return item ?? write(calendar);
      if (base.version !== item?.version) throw new Error('412');
      return write(calendar);
    },
  };
  return { repo, item: () => item, beforeSave };
}

function deps(repo: SchoolCalendarRepository) {
  const audit: AuditEntry[] = [];
  return { deps: { schoolCalendar: repo, clock: { now: () => '2026-03-02T09:00:00Z' as IsoInstant }, audit: { append: async (e: AuditEntry) => void audit.push(e) } }, audit };
}

const calendar = (years: SchoolCalendar['years']): SchoolCalendar => ({ division: 'england-and-wales', years: structuredClone(years) });

describe('putSchoolYear', () => {
  it('refuses, and does not report a save, when someone else saved the first school year at the same moment', async () => {
    const { repo, item, beforeSave } = repository();
    const { deps: d } = deps(repo);
    const theirs = calendar([DEFAULT_ENGLAND_2025_26]);
    const mine = calendar([DEFAULT_ENGLAND_2025_26, DEFAULT_ENGLAND_2026_27]);
    beforeSave.run = () => {
      beforeSave.run = undefined;
      void repo.save(theirs, undefined);
    };
    const r = await putSchoolYear(d, { caller: { ...admin, roles: [...admin.roles] }, calendar: mine, version: 'default' });
    expect(item()?.value.years).toHaveLength(1);
    expect(r).toEqual({ ok: false, refusal: expect.objectContaining({ kind: 'conflict', code: 'version_conflict' }) });
  });

  it('saves the first school year', async () => {
    const { repo, item } = repository();
    const { deps: d } = deps(repo);
    const r = await putSchoolYear(d, { caller: { ...admin, roles: [...admin.roles] }, calendar: calendar([DEFAULT_ENGLAND_2025_26]), version: 'default' });
    expect(r.ok).toBe(true);
    expect(item()?.value.years).toHaveLength(1);
  });

  it("refuses, saving nothing, a year whose label names another year than its dates: next year's file over this year", async () => {
    const { repo, item } = repository();
    const { deps: d } = deps(repo);
    // The one year it keeps: nothing else (no gap between years, no overlap) would catch it.
    const mislabelled = calendar([{ ...DEFAULT_ENGLAND_2027_28, label: '2026/27' }]);
    const r = await putSchoolYear(d, { caller: { ...admin, roles: [...admin.roles] }, calendar: mislabelled, version: 'default' });
    expect(r).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        kind: 'invalid',
        issues: [{ field: 'calendar.years[0].label', message: `The year labelled 2026/27 starts on ${DEFAULT_ENGLAND_2027_28.halfTerms[0]?.start}: label it 2027/28.` }],
      }),
    });
    expect(item()).toBeUndefined();
  });
});
