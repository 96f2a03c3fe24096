import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Caller } from '../../../shared/access/app-roles.js';
import type { Refusal, Outcome } from '../../use-case.js';
import type { UseCases } from '../../use-cases.js';
import { callerOf, requireCaller, type VerifyBearer } from '../require-caller.js';
import { sendError } from '../send-error.js';

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** What a handler gets: the caller (from the validated token), parsed input, and the use cases. */
export interface HandlerContext<P, Q, B> {
  caller: Caller;
  params: P;
  query: Q;
  body: B;
  useCases: UseCases;
}

/** A successful reply: the status, the body, and any headers (Location for a started job). */
export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A file instead of JSON (an export): sent as it is, with its Content-Type. */
  raw?: { contentType: string; body: Buffer | string };
}

/**
 * One REST operation: its OpenAPI description and its handler, in one place, so the document at
 * /api/openapi.json is generated from the same zod schemas that validate requests.
 */
export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch';
  /** OpenAPI style, below /api: '/sessions/{sessionId}'. */
  path: string;
  summary: string;
  /** Who may call it, in words (the use case decides). */
  access: string;
  params?: AnyObject;
  query?: AnyObject;
  body?: z.ZodType;
  /** `mediaTypes`: what a file reply is sent as (JSON when absent). */
  success: { status: 200 | 201 | 202; description: string; schema: z.ZodType; mediaTypes?: readonly string[]; alsoStatus?: 200 };
  handle(ctx: HandlerContext<Record<string, string>, Record<string, unknown>, unknown>): Promise<Outcome<Reply>>;
}

/** Declares an operation with typed params, query and body for its handler. */
export function operation<P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends z.ZodType | undefined>(op: {
  operationId: string;
  method: Operation['method'];
  path: string;
  summary: string;
  access: string;
  params?: P;
  query?: Q;
  body?: B;
  success: Operation['success'];
  handle(
    ctx: HandlerContext<
      P extends AnyObject ? z.output<P> : Record<string, never>,
      Q extends AnyObject ? z.output<Q> : Record<string, never>,
      B extends z.ZodType ? z.output<B> : undefined
    >,
  ): Promise<Outcome<Reply>>;
}): Operation {
  return op as unknown as Operation;
}

const STATUS: Record<Refusal['kind'], number> = { unauthenticated: 401, forbidden: 403, 'not-found': 404, invalid: 400, conflict: 409, unavailable: 503 };

/** 'supervisees[0].role', as the tab names its fields. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

function badInput(res: Response, error: z.ZodError, prefix: string): string {
  const issues = error.issues.map((i) => {
    const field = fieldPath(i.path, prefix) || prefix || 'body';
    const message =
      i.code === 'unrecognized_keys'
        ? `Unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `'${k}'`).join(', ')}: remove ${i.keys.length > 1 ? 'them' : 'it'}.`
        : `${field}: ${i.message}`;
    return { field, message };
  });
  sendError(res, 400, { error: 'invalid_request', field: issues[0]?.field ?? prefix, message: issues.map((i) => i.message).join(' '), issues });
  return issues[0]?.field ?? 'body';
}

export function sendRefusal(res: Response, r: Refusal): void {
  sendError(res, STATUS[r.kind], { error: r.code, message: r.message, ...(r.field ? { field: r.field } : {}), ...(r.issues ? { issues: r.issues } : {}) });
}

/** Mounts operations on a router: authenticate, parse with zod (400 naming the field), call, reply. */
export function mountOperations(
  router: Router,
  ops: readonly Operation[],
  deps: { verify: VerifyBearer; useCases: UseCases; onError: (err: unknown, req: Request, res: Response) => void },
): void {
  for (const op of ops) {
    const path = op.path.replace(/\{(\w+)\}/g, ':$1');
    router[op.method](path, requireCaller(deps.verify), async (req, res) => {
      // A request refused for its input is audited too: every attempt is in the audit list.
      const refused = (field: string) =>
        deps.useCases.recordRefusedRequest({ actorId: callerOf(res).oid, operationId: op.operationId, targetId: Object.values(req.params as Record<string, string>)[0], field });
      try {
        const params = op.params ? op.params.safeParse(req.params) : { success: true as const, data: {} };
        if (!params.success) return await refused(badInput(res, params.error, ''));
        const query = op.query ? op.query.safeParse(req.query) : { success: true as const, data: {} };
        if (!query.success) return await refused(badInput(res, query.error, ''));
        let body: { success: true; data: unknown } | { success: false; error: z.ZodError } = { success: true, data: undefined };
        if (op.body) {
          if (req.body === undefined) {
            sendError(res, 400, { error: 'invalid_request', field: 'body', message: 'Send a JSON body (Content-Type: application/json).' });
            return await refused('body');
          }
          body = op.body.safeParse(req.body);
        }
        if (!body.success) return await refused(badInput(res, body.error, ''));
        const outcome = await op.handle({
          caller: toCaller(callerOf(res)),
          params: params.data as Record<string, string>,
          query: query.data,
          body: body.data,
          useCases: deps.useCases,
        });
        if (!outcome.ok) return sendRefusal(res, outcome.refusal);
        for (const [k, v] of Object.entries(outcome.value.headers ?? {})) res.setHeader(k, v);
        const status = outcome.value.status ?? op.success.status;
        if (outcome.value.raw) res.status(status).type(outcome.value.raw.contentType).send(outcome.value.raw.body);
        else res.status(status).json(outcome.value.body);
      } catch (err) {
        deps.onError(err, req, res);
      }
    });
  }
}

function toCaller(c: ReturnType<typeof callerOf>): Caller {
  return { id: c.oid, roles: c.roles };
}
