import type { JsonSchema } from './json-schema-arbitrary.js';

/** GET /api/openapi.json as the API tests read it. */
export type Method = 'get' | 'post' | 'put' | 'patch';
export interface DocParameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: JsonSchema;
}
export interface DocOperation {
  operationId?: string;
  parameters?: DocParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
  /** Absent or naming `entraId`: a user's token; `[]` or `botConnector` only: no user token. */
  security?: Record<string, string[]>[];
}
export interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Partial<Record<Method, DocOperation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every operation in the document, with its path and method. */
export function operationsOf(doc: OpenApiDoc): { path: string; method: Method; op: DocOperation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => (Object.entries(item) as [Method, DocOperation][]).map(([method, op]) => ({ path, method, op })));
}

/** Whether the operation takes a user's access token (the API the tab uses), rather than none (health, Graph's notifications, the bot). */
export const needsUserToken = (op: DocOperation): boolean => op.security === undefined || op.security.some((s) => 'entraId' in s);
