import { afterAll, beforeAll, describe } from 'vitest';
import { DEMO_USERS, DSL_ID, SAFEGUARDING_SITE_ID } from '../../../tools/m365-emulator/src/index.js';
import { calendarContract } from './contract/calendar-contract.js';
import { deltaContract } from './contract/delta-contract.js';
import { notificationsContract } from './contract/notifications-contract.js';
import { recordStoreContract } from './contract/record-store-contract.js';
import { responsesContract } from './contract/responses-contract.js';
import type { ContractTarget, EmulatorControls } from './contract/target.js';
import { emulatorStats, setFaults, startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

// The contract suites against the local emulator (always). The same suites run against a real
// tenant in contract-tenant.test.ts when GRAPH_CONTRACT_TENANT_ID is set.
describe('Graph contract: emulator', () => {
  let f: EmulatorFixture;
  const attendee = DEMO_USERS.find((u) => u.role === 'deputy-dsl');
  const control = async (path: string, init: RequestInit): Promise<void> => {
    const res = await f.fetch(path, { ...init, headers: { 'content-type': 'application/json' } });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  };
  const controls: EmulatorControls = {
    lifecycle: (id, lifecycleEvent) => control(`/_emulator/subscriptions/${id}/lifecycle`, { method: 'POST', body: JSON.stringify({ lifecycleEvent }) }),
    setFaults: (config) => setFaults(f, config),
    clearFaults: () => control('/_emulator/faults', { method: 'DELETE' }),
    expireDeltaTokens: (mailbox) => control(`/_emulator/mailboxes/${encodeURIComponent(mailbox)}/delta/expire`, { method: 'POST' }),
    notificationStats: async () => (await emulatorStats(f)).notifications,
  };
  const target = (): ContractTarget => ({
    name: 'emulator',
    connection: f.connection,
    organizerId: DSL_ID,
    attendees: attendee ? [{ address: attendee.mail, userId: attendee.id }] : [],
    siteId: SAFEGUARDING_SITE_ID,
    runId: 'ct',
    controls,
  });
  beforeAll(async () => {
    f = await startEmulatorFixture();
    // Webhook retries in milliseconds rather than Graph's minutes, so a failed POST is retried at once.
    await control('/_emulator/notifications', {
      method: 'PUT',
      body: JSON.stringify({ batchDelayMs: 5, timeoutMs: 1_000, retryDelaysMs: [20, 50, 100], validationTimeoutMs: 2_000 }),
    });
  });
  afterAll(async () => {
    await f.stop();
  });

  describe('calendar', () => calendarContract(target));
  describe('record store', () => recordStoreContract(target));
  describe('change notifications', () => notificationsContract(target));
  describe('calendar delta', () => deltaContract(target));
  describe('attendee responses', () => responsesContract(target));
});
