// Shared by the records API tests: what the records API answers, and Tom (a supervisee in the demo school's group).

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
