import type { ValidationIssue } from '../shared/calendar/validation-issue.js';

/** Why a use case did not do what was asked, in plain words; routes and bot handlers map `kind` to a status or a card. */
export interface Refusal {
  kind: 'unauthenticated' | 'forbidden' | 'not-found' | 'invalid' | 'conflict' | 'unavailable';
  /** A stable code for the API's `error` field. */
  code: string;
  message: string;
  field?: string;
  issues?: ValidationIssue[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const done = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = (kind: Refusal['kind'], code: string, message: string, extra: Pick<Refusal, 'field' | 'issues'> = {}): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { kind, code, message, ...extra },
});
export const invalid = (issues: ValidationIssue[]): { ok: false; refusal: Refusal } =>
  refuse('invalid', 'invalid_request', issues.map((i) => i.message).join(' '), { issues, ...(issues[0] ? { field: issues[0].field } : {}) });
