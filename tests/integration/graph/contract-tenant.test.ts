import { describe } from 'vitest';
import { calendarContract } from './contract/calendar-contract.js';
import { recordStoreContract } from './contract/record-store-contract.js';
import { hasTenant, tenantTarget } from './contract/target.js';

// Real Microsoft 365 tenant: only with credentials in the environment (docs/graph-contract-tests.md).
// Without them vitest reports these as skipped, never as passed.
describe.skipIf(!hasTenant())('Graph contract: real tenant', () => {
  const target = hasTenant() ? tenantTarget() : undefined;
  const get = () => {
    if (!target) throw new Error('no tenant configured');
    return target;
  };
  describe('calendar', () => calendarContract(get));
  describe('record store', () => recordStoreContract(get));
});
