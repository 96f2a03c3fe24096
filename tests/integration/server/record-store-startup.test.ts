import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, STAFF_ROOM_SITE_ID, type RunningEmulator } from '../../../tools/m365-emulator/src/index.js';
import { localServerEnv } from '../../../scripts/local-stack.js';
import { startFromEnv } from '../../../src/bot/compose.js';
import { createLogger } from '../../../src/bot/logger.js';
import { SAFEGUARDING_LISTS } from '../../../src/bot/storage/safeguarding-lists.js';

let dir: string;
let emulator: RunningEmulator;
let env: Record<string, string>;
const silent = createLogger('silent');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'store-startup-'));
  emulator = await startEmulator({ dataDir: path.join(dir, 'emulator') });
  const caFile = path.join(dir, 'ca.pem');
  await writeFile(caFile, emulator.caCertPem);
  env = localServerEnv(emulator, caFile, 0, 'silent');
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('record store at start-up', () => {
  it('provisions every safeguarding list, idempotently across restarts, and keeps items', async () => {
    const first = await startFromEnv(env, silent);
    try {
      const store = first.store!;
      const item = await store.create('AuditLog', {
        idempotencyKey: 'startup-test-1',
        fields: { ActorId: 'a1000000-0000-4000-8000-000000000001', Action: 'test', AtUtc: '2026-11-23T10:00:00Z' },
      });
      expect(item.id).toBeTruthy();
    } finally {
      await first.close();
    }
    const second = await startFromEnv(env, silent);
    try {
      for (const list of SAFEGUARDING_LISTS) await expect(second.store!.query(list.name, {})).resolves.toBeInstanceOf(Array);
      const found = await second.store!.findByKey('AuditLog', 'startup-test-1');
      expect(found?.fields.Action).toBe('test');
    } finally {
      await second.close();
    }
  });

  it('refuses to start when the app was not granted the site (Sites.Selected), saying what to do', async () => {
    await expect(startFromEnv({ ...env, SHAREPOINT_SITE_ID: STAFF_ROOM_SITE_ID }, silent)).rejects.toThrow(/Sites\.Selected/);
  });
});
