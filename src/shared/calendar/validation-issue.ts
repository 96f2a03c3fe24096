/** A problem with an input, naming the field and saying what is wrong in the school's words. */
export interface ValidationIssue {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };
