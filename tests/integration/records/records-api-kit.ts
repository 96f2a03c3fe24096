// Shared by the records API tests: what the records API answers, the calls they make, and Tom (a supervisee
// in the demo school's group).
import { expect } from 'vitest';
import type { ApiReply } from '../../support/api.js';
import type { RunningStack } from '../../support/start-stack.js';
import { instantToLondon } from '../../../src/shared/calendar/london-time.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import { arrangementOf, bookOn, firstSchoolDayAfter, GRACE, HANNAH, LIAM, SOPHIE, workingCalendarOf } from '../bot/bot-test-kit.js';

export const TOM = 'a1000000-0000-4000-8000-000000000006';

/** A record as GET /api/records/{id} answers it (the fields the tests read). */
export interface RecordView {
  record: {
    recordId: string;
    version: number;
    state: 'draft' | 'awaiting-signatures' | 'locked';
    updatedAt: string;
    revision: number;
    content: {
      answers: Record<string, string>;
      actions: { id: string; text: string; ownerId: string; dueDate: string; done: boolean }[];
      attendance?: { userId: string; present: boolean }[];
      takesForwardId?: string;
    };
    signatories: { id: string }[];
    signatures: { userId: string; sha256: string }[];
    sentSha256?: string;
  };
  fingerprint: string;
  integrity: 'intact' | 'altered';
  versions: { version: number; state: string; integrity: string }[];
  template: { questions: { id: string; kind: string; required?: boolean }[] };
  latestVersion: number;
  canEdit: boolean;
  canSign: boolean;
}
/** A refusal's body. */
export interface ApiError {
  error: string;
  message: string;
  field?: string;
  issues?: { field: string; message: string }[];
}

/** The records API as one person calls it: `api` sends a request with that person's token. */
export function recordCalls(api: <T>(who: string, method: string, path: string, body?: unknown) => Promise<ApiReply<T>>) {
  const path = (recordId: string) => `/api/records/${encodeURIComponent(recordId)}`;
  return {
    async start(who: string, sessionId: string, kind: string) {
      const res = await api<RecordView>(who, 'POST', `/api/sessions/${encodeURIComponent(sessionId)}/records`, { kind });
      expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
      return res.body;
    },
    save: (who: string, v: RecordView, content: RecordView['record']['content']) =>
      api<RecordView>(who, 'PUT', path(v.record.recordId), { content, baseRevision: v.record.revision }),
    send: (who: string, v: RecordView) => api<RecordView>(who, 'POST', `${path(v.record.recordId)}/send`, { baseRevision: v.record.revision }),
    sign: (who: string, v: RecordView, sha = v.fingerprint) => api<RecordView>(who, 'POST', `${path(v.record.recordId)}/sign`, { version: v.record.version, sha256: sha }),
    read: (who: string, recordId: string, version?: number) => api<RecordView>(who, 'GET', `${path(recordId)}${version ? `?version=${version}` : ''}`),
    requestChange: (who: string, v: RecordView, comment: string) =>
      api<RecordView>(who, 'POST', `${path(v.record.recordId)}/request-change`, { version: v.record.version, sha256: v.fingerprint, comment }),
  };
}

/** Grace's session with Liam on the next school day, and Hannah's group (Sophie, Tom, Grace) on the one after. */
export async function bookIndividualAndGroup(app: RunningStack['app']): Promise<{ individual: Session; group: Session }> {
  const wc = await workingCalendarOf(app);
  const day = firstSchoolDayAfter(wc, instantToLondon(new Date().toISOString()).date);
  const individual = await bookOn(app, (await arrangementOf(app, GRACE, LIAM)).id, day);
  const group = await bookOn(app, (await arrangementOf(app, HANNAH, SOPHIE)).id, firstSchoolDayAfter(wc, day), ['14:00', '15:00', '13:00']);
  return { individual, group };
}
