import type { Caller } from '../shared/access/app-roles.js';
import { createArrangement } from './arrangements/create-arrangement.js';
import { listArrangements } from './arrangements/list-arrangements.js';
import { searchPeople } from './arrangements/search-people.js';
import { updateArrangement } from './arrangements/update-arrangement.js';
import { getBookingJob } from './booking/get-booking-job.js';
import { previewBooking } from './booking/preview-booking.js';
import { startBooking, type RunInBackground } from './booking/start-booking.js';
import type { AppPorts } from './ports.js';
import { getSchoolYear } from './school-year/get-school-year.js';
import { importSchoolYearIcs } from './school-year/import-school-year-ics.js';
import { putSchoolYear } from './school-year/put-school-year.js';
import { cancelSession } from './sessions/cancel-session.js';
import { getSession } from './sessions/get-session.js';
import { findSessionByEvent } from './sessions/find-session-by-event.js';
import { listSessionAlternatives } from './sessions/list-session-alternatives.js';
import { listSessions } from './sessions/list-sessions.js';
import { postponeSession } from './sessions/postpone-session.js';
import { getMe } from './people/get-me.js';
import { addAgendaItem } from './agenda/add-agenda-item.js';
import { editAgendaItem, removeAgendaItem } from './agenda/change-agenda-item.js';
import { nextSessions } from './agenda/next-sessions.js';
import { getAgenda, showAgenda } from './agenda/show-agenda.js';
import { recordRefusedCardAction } from './audit/record-refused-card-action.js';
import { recordRefusedRequest } from './audit/record-refused-request.js';
import type { Logger } from './logger.js';
import { forgetConversation, listUnreachablePeople, rememberConversation } from './people/conversations.js';
import { runReminders } from './reminders/run-reminders.js';
import { runRemindersNow } from './reminders/run-reminders-now.js';
import { beginReschedule, offerReschedule } from './reschedule/offer-reschedule.js';
import { rescheduleToSlot } from './reschedule/reschedule-to-slot.js';
import { startRecord } from './records/start-record.js';
import { getRecord } from './records/get-record.js';
import { saveRecordDraft } from './records/save-record-draft.js';
import { sendRecordForSignature } from './records/send-record-for-signature.js';
import { signRecord } from './records/sign-record.js';
import { requestRecordChange } from './records/request-record-change.js';
import { listSessionRecords } from './records/list-session-records.js';
import { listRecordFlags } from './records/list-record-flags.js';
import { listRecords } from './records/list-records.js';
import { recordDecision } from './decisions/record-decision.js';
import { confirmDecision } from './decisions/confirm-decision.js';
import { grantAuditorAccess } from './auditor-access/grant-auditor-access.js';
import { listAuditorGrants } from './auditor-access/list-auditor-grants.js';
import { revokeAuditorGrant } from './auditor-access/revoke-auditor-grant.js';
import { getComplianceDashboard } from './compliance/get-compliance-dashboard.js';
import { listMySuperviseesStatus } from './compliance/list-my-supervisees-status.js';
import { escalateOverdue } from './compliance/escalate-overdue.js';
import { requestThreeWayMeeting } from './compliance/request-three-way-meeting.js';
import { sendWeeklyDigest } from './compliance/send-weekly-digest.js';
import { runComplianceJob } from './compliance/run-compliance-job.js';
import { exportEvidencePack } from './compliance/export-evidence-pack.js';
import { listSchools } from './schools/list-schools.js';
import { saveSchools } from './schools/save-schools.js';

type Bound<F> = F extends (deps: never, input: infer I) => infer R ? (input: I) => R : never;
const bind = <F extends (deps: D, input: never) => unknown, D>(f: F, deps: D) => ((input: never) => f(deps, input)) as Bound<F>;

/** Every use case with its ports applied: what the REST routes (and the bot) call. */
export function createUseCases(ports: AppPorts, runInBackground: RunInBackground, log: Logger) {
  return {
    getMe: bind(getMe, ports),
    searchPeople: bind(searchPeople, ports),
    getSchoolYear: bind(getSchoolYear, ports),
    putSchoolYear: bind(putSchoolYear, ports),
    importSchoolYearIcs: bind(importSchoolYearIcs, ports),
    listArrangements: bind(listArrangements, ports),
    createArrangement: bind(createArrangement, ports),
    updateArrangement: bind(updateArrangement, ports),
    previewBooking: bind(previewBooking, ports),
    startBooking: bind(startBooking, { ...ports, runInBackground }),
    getBookingJob: bind(getBookingJob, ports),
    listSessions: bind(listSessions, ports),
    getSession: bind(getSession, ports),
    findSessionByEvent: bind(findSessionByEvent, ports),
    listSessionAlternatives: bind(listSessionAlternatives, ports),
    postponeSession: bind(postponeSession, ports),
    cancelSession: bind(cancelSession, ports),
    addAgendaItem: bind(addAgendaItem, ports),
    editAgendaItem: bind(editAgendaItem, ports),
    removeAgendaItem: bind(removeAgendaItem, ports),
    showAgenda: bind(showAgenda, ports),
    getAgenda: bind(getAgenda, ports),
    nextSessions: bind(nextSessions, ports),
    beginReschedule: bind(beginReschedule, ports),
    offerReschedule: bind(offerReschedule, ports),
    rescheduleToSlot: bind(rescheduleToSlot, ports),
    rememberConversation: bind(rememberConversation, ports),
    forgetConversation: bind(forgetConversation, ports),
    listUnreachablePeople: bind(listUnreachablePeople, ports),
    recordRefusedCardAction: bind(recordRefusedCardAction, ports),
    recordRefusedRequest: bind(recordRefusedRequest, ports),
    startRecord: bind(startRecord, ports),
    getRecord: bind(getRecord, ports),
    saveRecordDraft: bind(saveRecordDraft, ports),
    sendRecordForSignature: bind(sendRecordForSignature, ports),
    signRecord: bind(signRecord, ports),
    requestRecordChange: bind(requestRecordChange, ports),
    listSessionRecords: bind(listSessionRecords, ports),
    listRecordFlags: bind(listRecordFlags, ports),
    listRecords: bind(listRecords, ports),
    recordDecision: bind(recordDecision, ports),
    confirmDecision: bind(confirmDecision, ports),
    grantAuditorAccess: bind(grantAuditorAccess, ports),
    listAuditorGrants: bind(listAuditorGrants, ports),
    revokeAuditorGrant: bind(revokeAuditorGrant, ports),
    getComplianceDashboard: bind(getComplianceDashboard, ports),
    listMySuperviseesStatus: bind(listMySuperviseesStatus, ports),
    escalateOverdue: bind(escalateOverdue, ports),
    requestThreeWayMeeting: bind(requestThreeWayMeeting, ports),
    sendWeeklyDigest: bind(sendWeeklyDigest, ports),
    runComplianceJob: () => runComplianceJob(ports),
    exportEvidencePack: bind(exportEvidencePack, ports),
    listSchools: bind(listSchools, ports),
    saveSchools: bind(saveSchools, ports),
    runReminders: (input: { caller: Caller }) => runReminders(ports, log, input),
    runRemindersNow: bind(runRemindersNow, { ...ports, runReminders: (input: { caller: Caller }) => runReminders(ports, log, input) }),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
export type { Caller };
