import { readFileSync } from 'node:fs';
import { loadConfig, requireEntraCredential, type ServerConfig } from './config.js';
import { managedIdentityAssertion } from './auth/federated-credential.js';
import { createLogger, type Logger } from './logger.js';
import { createAccessTokenVerifier } from './auth/verify-access-token.js';
import { createEmulatorSignIn } from './auth/dev-sign-in.js';
import { createTrustedFetch } from './net/trusted-fetch.js';
import { createGraphClient } from './graph/graph-client.js';
import { createGraphDirectory } from './graph/directory.js';
import { createGraphCalendar } from './graph/calendar.js';
import { createSharePointStore, type RecordStorePort } from './graph/record-store.js';
import { SAFEGUARDING_LISTS } from './storage/safeguarding-lists.js';
import { createMailboxSyncRepository } from './storage/mailbox-sync-repository.js';
import { createCalendarChanges } from './graph/calendar-changes.js';
import { createCalendarSync, type CalendarSync } from './calendar-sync/calendar-sync.js';
import { startCalendarSyncScheduler } from './calendar-sync/calendar-sync-scheduler.js';
import { createArrangementRepository } from './storage/arrangement-repository.js';
import { createSessionRepository } from './storage/session-repository.js';
import { createSchoolCalendarRepository } from './storage/school-calendar-repository.js';
import { createBookingJobRepository } from './storage/booking-job-repository.js';
import { createAuditLog } from './storage/audit-log.js';
import { createAgendaItemRepository } from './storage/agenda-item-repository.js';
import { createConversationRepository } from './storage/conversation-repository.js';
import { createPostedCardRepository } from './storage/posted-card-repository.js';
import { createReminderClaimRepository } from './storage/reminder-claim-repository.js';
import { createRecordRepository } from './storage/record-repository.js';
import { createDecisionRepository } from './storage/decision-repository.js';
import { createAuditorGrantRepository } from './storage/auditor-grant-repository.js';
import { createSchoolRepository } from './storage/school-repository.js';
import { createTeamsMessenger } from './teams/teams-messenger.js';
import { startReminderScheduler } from './reminders/reminder-scheduler.js';
import { randomUUID } from 'node:crypto';
import { resumeBookingJobs, runBookingJob } from './booking/run-booking-job.js';
import type { LoadedPlan } from './booking/load-booking-plan.js';
import { createUseCases, type UseCases } from './use-cases.js';
import { errorSummary } from './errors.js';
import type { AppPorts, Clock, Messenger } from './ports.js';
import { startServer, type RunningServer } from './server.js';
import { createComplianceProjection, type ComplianceProjection } from './read-model/compliance-projection.js';
import { writeThrough } from './read-model/write-through.js';

export interface StartedApp extends RunningServer {
  config: ServerConfig;
  log: Logger;
  store: RecordStorePort | undefined;
  useCases: UseCases;
  /** The compliance read model (docs/read-model.md): `refresh()` catches up with writes made outside this process. */
  readModel: ComplianceProjection;
  /** Changes made in Outlook: `sweep()` renews subscriptions and syncs every organiser's calendar now. */
  calendarSync: CalendarSync;
  /** Resolves when every booking job started so far (resumed ones included) has finished running. */
  idle(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };

/** A store for a server started without SHAREPOINT_SITE_ID: every use that needs records says so. */
function noStore(): RecordStorePort {
  const fail = () => Promise.reject(new Error('No record store: set SHAREPOINT_SITE_ID to the restricted safeguarding site.'));
  return { provision: fail, create: fail, createMany: fail, get: fail, findByKey: fail, query: fail, update: fail, changedSince: fail };
}

/** The composition root: configuration in, running server out. Only configuration differs between local and production. */
export async function startFromEnv(env: Record<string, string | undefined>, logger?: Logger): Promise<StartedApp> {
  return startFromConfig(loadConfig(env), logger);
}

/** As startFromEnv, from a configuration already read (a test changes what no environment variable sets). */
export async function startFromConfig(config: ServerConfig, logger?: Logger): Promise<StartedApp> {
  requireEntraCredential(config);
  const log = logger ?? createLogger(config.logLevel);
  const caCertPem = config.graph.caCertFile ? readFileSync(config.graph.caCertFile, 'utf8') : undefined;
  const trustedFetch = createTrustedFetch(caCertPem);

  const verify = createAccessTokenVerifier(
    { issuer: config.auth.issuer, audience: config.auth.audience, jwksUri: config.auth.jwksUri, requiredScope: 'access_as_user' },
    async (url) => {
      const res = await trustedFetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`JWKS request failed with HTTP ${res.status}`);
      return res.json();
    },
  );

  const assertion = managedIdentityAssertion(config);
  const graph = createGraphClient({
    graphBaseUrl: config.graph.baseUrl,
    authorityHost: config.auth.authorityHost,
    tenantId: config.tenantId,
    clientId: config.clientId,
    ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
    // Production: no secret; the managed identity's federated token is MSAL's client assertion.
    ...(assertion ? { clientAssertion: () => assertion.getAssertion() } : {}),
    ...(caCertPem ? { caCertPem } : {}),
  });
  const directory = createGraphDirectory(graph);

  // Lists, columns and indexes are provisioned idempotently before the server accepts requests, so a
  // missing Sites.Selected grant stops start-up with a clear message instead of losing a record later.
  const store = config.sharePointSiteId ? createSharePointStore(graph, { siteId: config.sharePointSiteId, lists: SAFEGUARDING_LISTS }) : undefined;
  if (store) await store.provision();
  else log.warn('SHAREPOINT_SITE_ID is not set: no record store');

  const devSignIn = config.devSignInUrl
    ? createEmulatorSignIn({ url: config.devSignInUrl, audience: config.auth.audience, fetch: trustedFetch, now: () => new Date() })
    : undefined;

  const records = store ?? noStore();
  // Cards go out through the Teams app, which the server creates: bound once it exists.
  let teamsMessenger: Messenger | undefined;
  const messenger = (): Messenger => {
    if (!teamsMessenger) throw new Error('The bot is not started yet.');
    return teamsMessenger;
  };
  const lateMessenger: Messenger = { post: (to, card) => messenger().post(to, card), update: (to, id, card) => messenger().update(to, id, card) };
  let serverUrl = '';
  // The compliance read model: built from the lists at start, kept fresh by every write through this process.
  const readModel = createComplianceProjection(records, (list, itemId) =>
    log.error({ list, itemId }, 'a stored item does not read as its type: left out of the dashboard until it is mended'),
  );
  const ports: AppPorts = writeThrough<AppPorts>(
    {
      clock: systemClock,
      audit: createAuditLog(records, systemClock),
      arrangements: createArrangementRepository(records),
      sessions: createSessionRepository(records),
      schoolCalendar: createSchoolCalendarRepository(records),
      bookingJobs: createBookingJobRepository(records),
      calendar: createGraphCalendar(graph),
      directory,
      links: {
        session: (id) => `${config.publicUrl ?? serverUrl}/sessions/${encodeURIComponent(id)}`,
        record: (id, version) => `${config.publicUrl ?? serverUrl}/records/${encodeURIComponent(id)}${version ? `?version=${version}` : ''}`,
        page: (path) => `${config.publicUrl ?? serverUrl}${path}`,
      },
      settings: {
        safeguardingMailbox: config.safeguardingMailbox,
        scheduling: {},
        reminderWorkingDays: config.reminders.workingDaysBefore,
        safeguardingAdminIds: config.reminders.safeguardingAdminIds,
        digestRecipientIds: config.reminders.digestRecipientIds,
        recordTemplates: config.records.recordTemplates,
        extraQuestions: config.records.extraQuestions,
        instanceId: randomUUID(),
      },
      agendaItems: createAgendaItemRepository(records),
      conversations: createConversationRepository(records, systemClock),
      postedCards: createPostedCardRepository(records),
      reminderClaims: createReminderClaimRepository(records),
      messenger: lateMessenger,
      afterwards: { run: (key, task) => afterwards(key, task) },
      records: createRecordRepository(records),
      decisions: createDecisionRepository(records),
      auditorGrants: createAuditorGrantRepository(records),
      compliance: readModel,
      calendarChanges: createCalendarChanges(graph),
      mailboxSync: createMailboxSyncRepository(records),
      schools: createSchoolRepository(records),
    },
    readModel,
  );
  // Booking jobs run in this process after the request that started them; one run per job at a time.
  const running = new Map<string, Promise<void>>();
  // Follow-up work (card updates) runs after the answer, in order per key; idle() waits for it too.
  const afterwards = (key: string, task: () => Promise<unknown>): void => {
    const slot = `after:${key}`;
    const previous = running.get(slot) ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(task)
      .then(() => undefined)
      .catch((err: unknown) => log.warn({ err: errorSummary(err), key: key.split(':')[0] }, 'follow-up work failed'))
      .finally(() => {
        if (running.get(slot) === next) running.delete(slot);
      });
    running.set(slot, next);
  };
  const runInBackground = (jobId: string, plan?: LoadedPlan): void => {
    if (running.has(jobId)) return;
    const run = runBookingJob(ports, log, jobId, plan)
      .catch((err: unknown) => log.error({ err: errorSummary(err), jobId }, 'booking job failed'))
      .finally(() => running.delete(jobId));
    running.set(jobId, run);
  };
  const useCases = createUseCases(ports, runInBackground, log);
  const calendarSync = createCalendarSync(ports, log, { delayMs: config.calendarSync.notificationDelayMs });

  const server = await startServer({
    config,
    log,
    verify,
    directory,
    useCases,
    onTeamsApp: (app) => (teamsMessenger = createTeamsMessenger(app)),
    ...(store ? { calendarSync } : {}),
    ...(devSignIn ? { devSignIn } : {}),
  });
  serverUrl = server.url;
  if (store) void readModel.snapshot().catch((err: unknown) => log.warn({ err: errorSummary(err) }, 'the compliance read model could not be built; the next request tries again'));
  const refreshSeconds = config.readModelRefreshSeconds;
  const refresher =
    store && refreshSeconds > 0
      ? setInterval(() => void readModel.refresh().catch((err: unknown) => log.warn({ err: errorSummary(err) }, 'compliance read model catch-up failed')), refreshSeconds * 1000)
      : undefined;
  refresher?.unref();
  const reminders = store && config.reminders.intervalMinutes > 0 ? startReminderScheduler(useCases, log, config.reminders.intervalMinutes) : undefined;
  const calendarSweep = store && config.calendarSync.sweepMinutes > 0 ? startCalendarSyncScheduler(calendarSync, log, config.calendarSync.sweepMinutes) : undefined;
  // Jobs a stopped server left running are finished now; every step is idempotent.
  if (store) {
    const resumed = resumeBookingJobs({ ...ports, runJob: runInBackground }, log).catch((err: unknown) => log.error({ err: errorSummary(err) }, 'could not resume booking jobs'));
    running.set(
      '(resume)',
      resumed.finally(() => running.delete('(resume)')),
    );
  }
  const idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running.values()]);
  };
  return {
    ...server,
    close: async () => {
      clearInterval(refresher);
      await reminders?.stop();
      await calendarSweep?.stop();
      await server.close();
    },
    config,
    log,
    store,
    useCases,
    readModel,
    calendarSync,
    idle,
  };
}
