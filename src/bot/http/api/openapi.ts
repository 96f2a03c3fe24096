import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { Operation } from './operation.js';
import { apiErrorSchema } from './schemas.js';

const error = (description: string) => ({ description, content: { 'application/json': { schema: apiErrorSchema } } });

/** The OpenAPI 3.1 document for /api, generated from the operations' own zod schemas. */
export function openApiDocument(ops: readonly Operation[]): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of ops) {
    const o: ZodOpenApiOperationObject = {
      operationId: op.operationId,
      summary: op.summary,
      description: `Who may call it: ${op.access}`,
      security: [{ entraId: ['access_as_user'] }],
      ...(op.params || op.query ? { requestParams: { ...(op.params ? { path: op.params } : {}), ...(op.query ? { query: op.query } : {}) } } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
      responses: {
        [String(op.success.status)]: {
          description: op.success.description,
          content: Object.fromEntries((op.success.mediaTypes ?? ['application/json']).map((m) => [m, { schema: op.success.schema }])),
        },
        ...(op.body || op.params || op.query ? { '400': error('The input is not valid: `field` names what to fix.') } : {}),
        '401': error('No valid sign-in (missing, expired or foreign token).'),
        '403': error('Signed in, but not allowed: `message` says why.'),
        ...(op.params ? { '404': error('Nothing with that id.') } : {}),
        ...(op.method !== 'get' ? { '409': error('It changed meanwhile, or is not in a state that allows this.') } : {}),
      },
    };
    const path = `/api${op.path}`;
    paths[path] = { ...(paths[path] ?? {}), [op.method]: o };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Safeguarding Supervision API',
      version: '1.0.0',
      description: 'The REST API the Safeguarding Supervision tab uses. Every operation needs a Microsoft Entra access token for the app (scope access_as_user).',
    },
    components: { securitySchemes: { entraId: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  });
}
