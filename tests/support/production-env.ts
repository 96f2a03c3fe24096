import path from 'node:path';
import { LOCAL_CLIENT_ID, SAFEGUARDING_SITE_ID, type RunningEmulator } from '../../tools/m365-emulator/src/index.js';

/**
 * The server's settings in production mode against the emulator: no CLIENT_SECRET, the managed identity
 * that App Service would give it (IDENTITY_ENDPOINT / IDENTITY_HEADER), on loopback, with nothing running
 * on a timer. `dir` holds the emulator's CA (`caFile`) and stands in for a missing tab build.
 */
export function productionEnv(emulator: RunningEmulator, caFile: string, dir: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: '0',
    // Production listens on every interface by default; tests stay on loopback.
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    TENANT_ID: emulator.tenantId,
    CLIENT_ID: LOCAL_CLIENT_ID,
    MANAGED_IDENTITY_CLIENT_ID: emulator.managedIdentity.clientId,
    // What App Service sets on a web app with a managed identity.
    IDENTITY_ENDPOINT: emulator.managedIdentity.endpoint,
    IDENTITY_HEADER: emulator.managedIdentity.header,
    AUTH_AUTHORITY_HOST: emulator.authorityHost,
    AUTH_AUDIENCE: LOCAL_CLIENT_ID,
    AUTH_APPLICATION_ID_URI: `api://127.0.0.1/${LOCAL_CLIENT_ID}`,
    GRAPH_BASE_URL: emulator.graphBaseUrl,
    GRAPH_CA_CERT_FILE: caFile,
    SHAREPOINT_SITE_ID: SAFEGUARDING_SITE_ID,
    TAB_DIST_DIR: path.join(dir, 'no-tab'),
    REMINDER_INTERVAL_MINUTES: '0',
    READ_MODEL_REFRESH_SECONDS: '0',
    CALENDAR_SYNC_MINUTES: '0',
  };
}
