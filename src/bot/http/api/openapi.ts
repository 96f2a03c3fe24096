import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { Operation } from './operation.js';
import { apiErrorSchema } from './schemas.js';
import { PUBLIC_ENDPOINTS } from './public-endpoints.js';

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
        ...Object.fromEntries(
          [op.success.status, ...(op.success.alsoStatus ? [op.success.alsoStatus] : [])].map((status) => [
            String(status),
            {
              description: op.success.description,
              content: Object.fromEntries((op.success.mediaTypes ?? ['application/json']).map((m) => [m, { schema: op.success.schema }])),
            },
          ]),
        ),
        ...(op.body || op.params || op.query ? { '400': error('The input is not valid: `field` names what to fix.') } : {}),
        '401': error('No valid sign-in (missing, expired or foreign token).'),
        '403': error('Signed in, but not allowed: `message` says why.'),
        ...(op.params || op.query ? { '404': error('Nothing with that id.') } : {}),
        ...(op.method !== 'get' || op.params || op.query ? { '409': error('It changed meanwhile, or is not in a state that allows this.') } : {}),
        '502': error('Microsoft 365 did not answer as expected. Nothing was lost; try again.'),
        '503': error('Sign-in, or something the answer needs, cannot be checked right now; try again.'),
      },
    };
    const path = `/api${op.path}`;
    paths[path] = { ...(paths[path] ?? {}), [op.method]: o };
  }
  for (const e of PUBLIC_ENDPOINTS) {
    const o: ZodOpenApiOperationObject = {
      operationId: e.operationId,
      summary: e.summary,
      description: `Takes no user token. Who calls it: ${e.caller}`,
      security: e.security === 'bot-connector' ? [{ botConnector: [] }] : [],
      ...(e.query ? { requestParams: { query: e.query } } : {}),
      ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: e.body } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(e.responses).map(([status, r]) => [status, { description: r.description, content: { [r.mediaType ?? 'application/json']: { schema: r.schema } } }]),
      ),
    };
    paths[`/api${e.path}`] = { ...(paths[`/api${e.path}`] ?? {}), [e.method]: o };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Safeguarding Supervision API',
      version: '1.0.0',
      description:
        'The REST API the Safeguarding Supervision tab uses: every operation needs a Microsoft Entra access token for the app (scope access_as_user). Also the endpoints that take no user token (health, the tab’s sign-in settings, this document, Microsoft Graph’s notifications and the bot’s messages), each saying who calls it. The emulator’s sign-in routes (/api/dev/…) exist only on a local machine and are not described.',
    },
    components: {
      securitySchemes: {
        entraId: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        botConnector: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A token the Bot Framework issued for the activity (issuer https://api.botframework.com).',
        },
      },
    },
    paths,
  });
}
