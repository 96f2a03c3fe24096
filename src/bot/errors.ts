import { InvalidInputError } from '../shared/errors/invalid-input.js';
import { ConcurrentUpdateError, GraphAdapterError, SiteAccessDeniedError, graphStatus } from './graph/graph-errors.js';
import { CorruptItemError } from './storage/json-items.js';

export type Failure =
  | { kind: 'invalid'; field: string; message: string }
  | { kind: 'changed-meanwhile' }
  | { kind: 'microsoft365'; status: number | undefined }
  | { kind: 'corrupt' }
  | { kind: 'unexpected' };

/** What an error thrown past a use case means for the person who asked (so handlers need not know adapters). */
export function classifyFailure(err: unknown): Failure {
  if (err instanceof InvalidInputError) return { kind: 'invalid', field: err.field, message: err.message };
  if (err instanceof ConcurrentUpdateError) return { kind: 'changed-meanwhile' };
  if (err instanceof SiteAccessDeniedError) return { kind: 'microsoft365', status: 403 };
  const status = err instanceof GraphAdapterError ? err.status : graphStatus(err);
  if (status !== undefined) return { kind: 'microsoft365', status };
  if (err instanceof CorruptItemError) return { kind: 'corrupt' };
  return { kind: 'unexpected' };
}

/** Name and a bounded message for logs: never a payload. */
export function errorSummary(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { name: err.name, message: err.message.slice(0, 300) } : { name: 'Error', message: String(err).slice(0, 300) };
}
