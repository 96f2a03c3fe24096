import type { GraphConnection } from '../../../../src/bot/graph/graph-client.js';

/** Where a contract suite runs: the emulator (default) or a real tenant (env vars, see docs/graph-contract-tests.md). */
export interface ContractTarget {
  name: string;
  connection: GraphConnection;
  /** Mailbox that books events (user id or UPN). */
  organizerId: string;
  /** Attendees: addresses of users in the same tenant. */
  attendees: { address: string; userId: string }[];
  /** A SharePoint site the app was granted `write` on (Sites.Selected). */
  siteId: string;
  /** A list-name prefix unique to this run, so runs never collide. */
  runId: string;
  /** Emulator-only levers (faults, lifecycle events, expiring delta tokens); absent for a real tenant. */
  controls?: EmulatorControls;
}

export type LifecycleEvent = 'reauthorizationRequired' | 'missed' | 'subscriptionRemoved';

/** What only the emulator can do: tests that need it are skipped against a tenant. */
export interface EmulatorControls {
  lifecycle(subscriptionId: string, lifecycleEvent: LifecycleEvent): Promise<void>;
  setFaults(config: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  expireDeltaTokens(mailbox: string): Promise<void>;
  notificationStats(): Promise<{ delivered: number; dropped: number; failed: number; discarded: number; retries: number; posts: number }>;
}

export const TENANT_ENV = {
  tenantId: 'GRAPH_CONTRACT_TENANT_ID',
  clientId: 'GRAPH_CONTRACT_CLIENT_ID',
  clientSecret: 'GRAPH_CONTRACT_CLIENT_SECRET',
  siteId: 'GRAPH_CONTRACT_SITE_ID',
  organizer: 'GRAPH_CONTRACT_ORGANIZER',
  attendee: 'GRAPH_CONTRACT_ATTENDEE',
  attendeeId: 'GRAPH_CONTRACT_ATTENDEE_ID',
} as const;

export const hasTenant = (): boolean => Boolean(process.env[TENANT_ENV.tenantId]);

export function tenantTarget(): ContractTarget {
  const need = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is required when ${TENANT_ENV.tenantId} is set (see docs/graph-contract-tests.md).`);
    return v;
  };
  return {
    name: 'tenant',
    connection: {
      graphBaseUrl: 'https://graph.microsoft.com/',
      authorityHost: 'https://login.microsoftonline.com',
      tenantId: need(TENANT_ENV.tenantId),
      clientId: need(TENANT_ENV.clientId),
      clientSecret: need(TENANT_ENV.clientSecret),
    },
    organizerId: need(TENANT_ENV.organizer),
    attendees: [{ address: need(TENANT_ENV.attendee), userId: need(TENANT_ENV.attendeeId) }],
    siteId: need(TENANT_ENV.siteId),
    runId: `ct${Date.now().toString(36)}`,
  };
}
