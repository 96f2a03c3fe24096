import { afterAll, beforeAll, describe } from 'vitest';
import { DEMO_USERS, DSL_ID, SAFEGUARDING_SITE_ID } from '../../../tools/m365-emulator/src/index.js';
import { calendarContract } from './contract/calendar-contract.js';
import { recordStoreContract } from './contract/record-store-contract.js';
import type { ContractTarget } from './contract/target.js';
import { startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

// The contract suites against the local emulator (always). The same suites run against a real
// tenant in contract-tenant.test.ts when GRAPH_CONTRACT_TENANT_ID is set.
describe('Graph contract: emulator', () => {
  let f: EmulatorFixture;
  const attendee = DEMO_USERS.find((u) => u.role === 'deputy-dsl');
  const target = (): ContractTarget => ({
    name: 'emulator',
    connection: f.connection,
    organizerId: DSL_ID,
    attendees: attendee ? [{ address: attendee.mail, userId: attendee.id }] : [],
    siteId: SAFEGUARDING_SITE_ID,
    runId: 'ct',
  });
  beforeAll(async () => {
    f = await startEmulatorFixture();
  });
  afterAll(async () => {
    await f.stop();
  });

  describe('calendar', () => calendarContract(target));
  describe('record store', () => recordStoreContract(target));
});
