import type { CloudEnvironment } from '@microsoft/teams.api';
import { z } from 'zod';
import { parseRecordTemplateSettings, type RecordTemplateSettings } from '../shared/records/template-settings.js';
import type { ManagedIdentitySettings } from './auth/managed-identity.js';

/** Settings the server reads from environment variables (documented in README.md). */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const urlText = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? fallback : v.trim()))
    .pipe(z.url({ protocol: /^https$/, message: 'must be an https:// URL' }));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TENANT_ID: optionalText,
  CLIENT_ID: optionalText,
  CLIENT_SECRET: optionalText,
  // The secretless credential: the user-assigned managed identity the app registration trusts (federated credential).
  MANAGED_IDENTITY_CLIENT_ID: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be the client id (a GUID) of the user-assigned managed identity')
      .optional(),
  ),
  // Set by App Service (and Container Apps) when the web app has a managed identity; never set by hand in Azure.
  IDENTITY_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/, message: 'must be the managed-identity endpoint URL App Service sets' }).optional()),
  IDENTITY_HEADER: optionalText,
  AUTH_AUTHORITY_HOST: urlText('https://login.microsoftonline.com'),
  AUTH_AUDIENCE: optionalText,
  AUTH_APPLICATION_ID_URI: optionalText,
  GRAPH_BASE_URL: urlText('https://graph.microsoft.com/'),
  GRAPH_CA_CERT_FILE: optionalText,
  SHAREPOINT_SITE_ID: optionalText,
  SAFEGUARDING_MAILBOX: optionalText.pipe(z.email({ message: 'must be the mailbox address, e.g. safeguarding@school.example' }).optional()),
  ALLOW_UNAUTHENTICATED_BOT: booleanFromEnv,
  DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS: booleanFromEnv,
  DEV_SIGN_IN_URL: optionalText,
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/, message: "must be the app's public URL, e.g. https://safeguarding.example.org" }).optional()),
  TAB_DIST_DIR: z.string().default('dist/tab'),
  REMINDER_WORKING_DAYS: z.coerce.number().int().min(1, 'must be 1 to 10 working days').max(10, 'must be 1 to 10 working days').default(2),
  REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  READ_MODEL_REFRESH_SECONDS: z.coerce.number().int('must be whole seconds').min(0).max(86_400).default(60),
  CALENDAR_SYNC_MINUTES: z.coerce.number().int('must be whole minutes').min(0).max(1440).default(15),
  CALENDAR_NOTIFICATION_DELAY_MS: z.coerce.number().int('must be whole milliseconds').min(0).max(60_000).default(2000),
  DIGEST_RECIPIENT_IDS: optionalText.pipe(
    z
      .string()
      .regex(/^\s*[0-9a-f-]{36}(\s*,\s*[0-9a-f-]{36})*\s*$/i, 'must be Entra object ids separated by commas')
      .optional(),
  ),
  RECORD_TEMPLATES: optionalText,
  RECORD_EXTRA_QUESTIONS: optionalText,
  SAFEGUARDING_ADMIN_IDS: optionalText.pipe(
    z
      .string()
      .regex(/^\s*[0-9a-f-]{36}(\s*,\s*[0-9a-f-]{36})*\s*$/i, 'must be Entra object ids separated by commas')
      .optional(),
  ),
});

/** Every environment variable the server reads (infra and docs are checked against this list). */
export const SERVER_SETTINGS = Object.keys(envSchema.shape) as readonly (keyof typeof envSchema.shape)[];

/** Settings production refuses to start without. */
export const REQUIRED_IN_PRODUCTION = ['TENANT_ID', 'CLIENT_ID', 'MANAGED_IDENTITY_CLIENT_ID', 'AUTH_AUDIENCE', 'AUTH_APPLICATION_ID_URI', 'SHAREPOINT_SITE_ID'] as const;

/** Why production will not start without the managed identity (it never signs in with a secret). */
const NO_PRODUCTION_CREDENTIAL =
  "no Microsoft Entra credential: set MANAGED_IDENTITY_CLIENT_ID to the client id of the web app's user-assigned managed identity, which the app registration trusts through a federated identity credential (docs/deploy.md). Production never signs in with a client secret (CLIENT_SECRET).";

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const isLoopbackUrl = (url: string) => {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
};

export interface ServerConfig {
  mode: 'local' | 'production';
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  logLevel: string;
  tenantId: string;
  clientId: string;
  clientSecret: string | undefined;
  /** The secretless credential (MANAGED_IDENTITY_CLIENT_ID + App Service's IDENTITY_ENDPOINT / IDENTITY_HEADER); required in production. */
  managedIdentity: ManagedIdentitySettings | undefined;
  auth: {
    authorityHost: string;
    issuer: string;
    jwksUri: string;
    audience: string;
    applicationIdUri: string;
    apiScope: string;
  };
  graph: { baseUrl: string; caCertFile: string | undefined };
  /** The restricted safeguarding site (Sites.Selected). Unset locally = no record store. */
  sharePointSiteId: string | undefined;
  /** The mailbox sessions are booked in (meeting requests go out from it). */
  safeguardingMailbox: string | undefined;
  bot: {
    allowUnauthenticated: boolean;
    /** The Microsoft cloud the bot's tokens come from: the Teams SDK's choice (the public cloud) when unset. Only tests set it, to keep every token on loopback. */
    cloud?: CloudEnvironment;
  };
  devSignInUrl: string | undefined;
  /** Where people open the app (links in invitations); the server's own URL when unset (local). */
  publicUrl: string | undefined;
  tabDistDir: string;
  reminders: {
    /** Working days before a session that its reminder cards go out. */
    workingDaysBefore: number;
    /** How often the reminder job runs; 0 = never on its own. */
    intervalMinutes: number;
    /** Safeguarding admins told when a postponed session has no time within the working week. */
    safeguardingAdminIds: string[];
    /** Who gets the weekly supervision digest (the DSL). */
    digestRecipientIds: string[];
  };
  /** The school's record templates and its own questions. */
  records: RecordTemplateSettings;
  /** How often the compliance read model catches up with other servers' writes (seconds); 0 = only when asked. */
  readModelRefreshSeconds: number;
  calendarSync: {
    /** How often subscriptions are renewed and every organiser's calendar is synced (the safety net); 0 = only when asked. */
    sweepMinutes: number;
    /** How long after a change notification its mailbox is synced, so the app's own change has landed first. */
    notificationDelayMs: number;
  };
}

const idList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the configuration. Throws ConfigError naming every problem at once. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];

  if (production) {
    // A production bot must never accept unauthenticated activities (the Agents Playground sends unsigned activities; only the local emulator may).
    const missing = REQUIRED_IN_PRODUCTION.filter((k) => !e[k] && k !== 'MANAGED_IDENTITY_CLIENT_ID');
    if (missing.length > 0) problems.push(`missing settings required in production: ${missing.join(', ')}`);
    if (!e.MANAGED_IDENTITY_CLIENT_ID) problems.push(NO_PRODUCTION_CREDENTIAL);
    if (e.AUTH_APPLICATION_ID_URI && !/^api:\/\//.test(e.AUTH_APPLICATION_ID_URI)) {
      problems.push(`AUTH_APPLICATION_ID_URI must be the app's Application ID URI (api://...), not ${e.AUTH_APPLICATION_ID_URI}`);
    }
    if (e.CLIENT_SECRET) {
      // An older deployment set it from Key Vault; the secretless deployment sets no such app setting.
      problems.push(
        `CLIENT_SECRET must not be set in production: the server signs in with its managed identity (MANAGED_IDENTITY_CLIENT_ID) through a federated credential. Remove the app setting${e.CLIENT_SECRET.startsWith('@Microsoft.KeyVault(') ? ' (a Key Vault reference from an older deployment)' : ''} and delete the app registration's client secret (docs/deploy.md).`,
      );
    }
    if (e.ALLOW_UNAUTHENTICATED_BOT || e.DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS) {
      problems.push('ALLOW_UNAUTHENTICATED_BOT / DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS must not be set in production');
    }
    if (e.DEV_SIGN_IN_URL) problems.push('DEV_SIGN_IN_URL (emulator sign-in) must not be set in production');
  } else {
    const missing = (['TENANT_ID', 'CLIENT_ID'] as const).filter((k) => !e[k]);
    if (missing.length > 0) problems.push(`missing settings: ${missing.join(', ')}`);
  }
  if (e.MANAGED_IDENTITY_CLIENT_ID && (!e.IDENTITY_ENDPOINT || !e.IDENTITY_HEADER)) {
    problems.push(
      'MANAGED_IDENTITY_CLIENT_ID is set but IDENTITY_ENDPOINT and IDENTITY_HEADER are not: App Service sets them only when a managed identity is assigned to the web app (infra/modules/app-service.bicep)',
    );
  }
  if (!production && e.MANAGED_IDENTITY_CLIENT_ID && e.CLIENT_SECRET) problems.push('set CLIENT_SECRET or MANAGED_IDENTITY_CLIENT_ID, not both');
  // The local-only switches are refused anywhere but loopback, even if NODE_ENV was forgotten.
  const host = e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
  if ((e.ALLOW_UNAUTHENTICATED_BOT || e.DEV_SIGN_IN_URL) && !LOOPBACK_HOSTS.has(host)) {
    problems.push(`ALLOW_UNAUTHENTICATED_BOT and DEV_SIGN_IN_URL are for a local machine only: HOST must be 127.0.0.1 (it is ${host})`);
  }
  if (e.DEV_SIGN_IN_URL && !(isLoopbackUrl(e.DEV_SIGN_IN_URL) && isLoopbackUrl(e.AUTH_AUTHORITY_HOST))) {
    problems.push('DEV_SIGN_IN_URL only works with the local emulator: it and AUTH_AUTHORITY_HOST must be loopback addresses');
  }
  const templates = parseRecordTemplateSettings(e.RECORD_TEMPLATES, e.RECORD_EXTRA_QUESTIONS);
  if (!templates.ok) problems.push(...templates.problems);
  if (problems.length > 0 || !templates.ok) throw new ConfigError(problems);

  const tenantId = e.TENANT_ID as string;
  const clientId = e.CLIENT_ID as string;
  const authorityHost = e.AUTH_AUTHORITY_HOST.replace(/\/+$/, '');
  const applicationIdUri = e.AUTH_APPLICATION_ID_URI ?? `api://localhost/${clientId}`;
  return {
    mode: production ? 'production' : 'local',
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host,
    logLevel: e.LOG_LEVEL,
    tenantId,
    clientId,
    clientSecret: e.CLIENT_SECRET,
    managedIdentity:
      e.MANAGED_IDENTITY_CLIENT_ID && e.IDENTITY_ENDPOINT && e.IDENTITY_HEADER
        ? { clientId: e.MANAGED_IDENTITY_CLIENT_ID, endpoint: e.IDENTITY_ENDPOINT, header: e.IDENTITY_HEADER }
        : undefined,
    auth: {
      authorityHost,
      // Entra v2.0 access tokens: issuer and keys live under the tenant on the authority host.
      issuer: `${authorityHost}/${tenantId}/v2.0`,
      jwksUri: `${authorityHost}/${tenantId}/discovery/v2.0/keys`,
      audience: e.AUTH_AUDIENCE ?? clientId,
      applicationIdUri,
      apiScope: `${applicationIdUri}/access_as_user`,
    },
    graph: { baseUrl: e.GRAPH_BASE_URL.endsWith('/') ? e.GRAPH_BASE_URL : `${e.GRAPH_BASE_URL}/`, caCertFile: e.GRAPH_CA_CERT_FILE },
    sharePointSiteId: e.SHAREPOINT_SITE_ID,
    safeguardingMailbox: e.SAFEGUARDING_MAILBOX,
    bot: { allowUnauthenticated: e.ALLOW_UNAUTHENTICATED_BOT },
    devSignInUrl: e.DEV_SIGN_IN_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    tabDistDir: e.TAB_DIST_DIR,
    reminders: {
      workingDaysBefore: e.REMINDER_WORKING_DAYS,
      intervalMinutes: e.REMINDER_INTERVAL_MINUTES,
      safeguardingAdminIds: idList(e.SAFEGUARDING_ADMIN_IDS),
      digestRecipientIds: idList(e.DIGEST_RECIPIENT_IDS),
    },
    records: templates.value,
    readModelRefreshSeconds: e.READ_MODEL_REFRESH_SECONDS,
    calendarSync: { sweepMinutes: e.CALENDAR_SYNC_MINUTES, notificationDelayMs: e.CALENDAR_NOTIFICATION_DELAY_MS },
  };
}

/**
 * The server needs a credential for Microsoft Entra (Graph and the Bot Framework): the managed
 * identity (production) or, with the local emulator, the client secret. loadConfig lets a local
 * configuration without either through, for code that never reaches Entra; starting the server does not.
 */
export function requireEntraCredential(config: ServerConfig): void {
  if (config.managedIdentity || (config.mode === 'local' && config.clientSecret)) return;
  throw new ConfigError([
    config.mode === 'production'
      ? NO_PRODUCTION_CREDENTIAL
      : 'no Microsoft Entra credential: set MANAGED_IDENTITY_CLIENT_ID (with IDENTITY_ENDPOINT and IDENTITY_HEADER) or, with the local emulator, CLIENT_SECRET',
  ]);
}
