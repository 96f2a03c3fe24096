import type { RegisteredApp } from './config.js';
import type { FaultInjector } from './emulator/faults.js';
import type { Notifier } from './emulator/notifier.js';
import type { EmulatorStats } from './emulator/stats.js';
import type { ChangeFeed } from './graph/change-feed.js';
import type { Issuer } from './identity/issuer.js';
import type { EmulatorState } from './store/state.js';

/** What every route needs: where the emulator lives, who issues tokens, the state, faults and counters. */
export interface EmulatorContext {
  /** `https://127.0.0.1:<port>/` */
  origin: string;
  issuer: Issuer;
  /** What the App Service managed-identity endpoint expects in X-IDENTITY-HEADER (IDENTITY_HEADER); random per start. */
  identityHeader: string;
  apps: readonly RegisteredApp[];
  state: EmulatorState;
  faults: FaultInjector;
  stats: EmulatorStats;
  /** Every change to a stored event passes through here (delta, change notifications). */
  changes: ChangeFeed;
  /** Subscriptions' validation handshakes and webhook deliveries. */
  notifier: Notifier;
}
