import { describe, expect, it } from 'vitest';
import { evaluateFilter, filterPaths, FilterSyntaxError, parseFilter } from '../../../tools/m365-emulator/src/graph/odata-filter.js';

describe('OData $filter subset', () => {
  const row: Record<string, unknown> = { 'fields/Status': 'planned', 'fields/Sequence': 3, 'fields/StartsAt': '2031-01-06T09:00:00Z', displayName: "Tom O'Neil" };
  const test = (f: string) => evaluateFilter(parseFilter(f), (p) => row[p]);

  it('compares strings case-insensitively, numbers and instants', () => {
    expect(test("fields/Status eq 'PLANNED'")).toBe(true);
    expect(test('fields/Sequence ge 3 and fields/Sequence lt 4')).toBe(true);
    expect(test("fields/StartsAt gt '2031-01-06T08:59:59.000Z'")).toBe(true);
    expect(test("fields/Status ne 'planned' or not (fields/Sequence eq 2)")).toBe(true);
  });

  it('handles startswith and doubled quotes', () => {
    expect(test("startswith(displayName,'tom o''n')")).toBe(true);
  });

  it('lists the paths a filter touches, for index checks', () => {
    expect(filterPaths(parseFilter("fields/A eq 'x' and (fields/B eq 1 or startswith(fields/C,'y'))"))).toEqual(['fields/A', 'fields/B', 'fields/C']);
  });

  it('rejects malformed filters', () => {
    expect(() => parseFilter("fields/A eq 'x")).toThrow(FilterSyntaxError);
    expect(() => parseFilter('fields/A has 1')).toThrow(FilterSyntaxError);
  });
});
