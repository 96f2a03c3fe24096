import { Agent } from 'undici';
import type { RunningEmulator } from '../tools/m365-emulator/src/index.js';

/** Reads the emulator's own endpoints (not Graph traffic): stats, fault settings, stored events. */
export function probe(emulator: RunningEmulator) {
  const agent = new Agent({ connect: { ca: emulator.caCertPem } });
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(new URL(path, emulator.url), { ...init, dispatcher: agent } as RequestInit);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.status === 204 ? undefined : ((await res.json()) as unknown);
  };
  return {
    /** Bulk-seeds directory users (`POST /_emulator/users`). */
    seedUsers: async (users: readonly unknown[]) =>
      (await call('/_emulator/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ users }) })) as {
        created: number;
        updated: number;
        count: number;
      },
    setFaults: (config: unknown) => call('/_emulator/faults', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) }),
    stats: async () =>
      (await call('/_emulator/stats')) as {
        graphHttpRequests: number;
        identityHttpRequests: number;
        batchRequests: number;
        batchInnerRequests: number;
        batchesByContent: { eventCreates: number; itemCreates: number; other: number };
        injected: { throttle: number; mailboxConcurrency: number };
        eventsCreated: number;
        eventsDeduplicated: number;
      },
    organizerEvents: async () =>
      ((await call('/_emulator/events')) as { value: { isOrganizer: boolean; transactionId: string | null; mailboxId: string; startUtc: string }[] }).value.filter(
        (e) => e.isOrganizer,
      ),
    close: () => agent.close(),
  };
}
