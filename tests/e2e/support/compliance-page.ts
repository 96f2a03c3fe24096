// The Compliance screen as the end-to-end tests read it: its sections, the supervisees table and its rows,
// and choosing a filter.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** `page()` is read on each call: the tests open their page in beforeAll, after these are made. */
export function compliancePage(page: () => Page) {
  const supervisees = () => page().getByRole('region', { name: 'Supervisees and where they stand' }).getByRole('table');
  return {
    nav: () => page().getByRole('navigation', { name: 'Sections' }),
    supervisees,
    rowHeaders: () => supervisees().locator('tbody th[scope="row"]'),
    rowOf: (name: string) =>
      supervisees()
        .getByRole('row')
        .filter({ has: page().getByRole('rowheader', { name, exact: true }) }),
    /** Picks `option` in the filter (a Fluent combobox) named `filter`, and waits until it shows. */
    choose: async (filter: string, option: string): Promise<void> => {
      const box = page().getByRole('combobox', { name: filter, exact: true });
      await box.click();
      await page().getByRole('option', { name: option, exact: true }).click();
      await expect.poll(() => box.textContent()).toBe(option);
    },
  };
}
