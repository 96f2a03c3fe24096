import { z } from 'zod';
import { graphError, json, type EmuRequest, type EmuResponse } from '../http/types.js';

// JSON batching (https://learn.microsoft.com/graph/json-batching): at most 20 requests; each has
// its own status; a request whose dependency failed gets 424; requests are throttled individually.
export const MAX_BATCH_REQUESTS = 20;

const batchBody = z.object({
  requests: z.array(
    z.object({
      id: z.string().min(1),
      method: z.string().min(3),
      url: z.string().min(1),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      dependsOn: z.array(z.string()).optional(),
    }),
  ),
});

export type InnerExecutor = (req: EmuRequest) => Promise<EmuResponse>;

export async function handleBatch(outer: EmuRequest, execute: InnerExecutor): Promise<EmuResponse> {
  const parsed = batchBody.safeParse(outer.body);
  if (!parsed.success) return graphError(400, 'BadRequest', 'Invalid batch payload: expected { "requests": [ { "id", "method", "url" } ] }.');
  const requests = parsed.data.requests;
  if (requests.length > MAX_BATCH_REQUESTS) {
    return graphError(400, 'BadRequest', `Too many requests in the batch: ${requests.length} (the limit is ${MAX_BATCH_REQUESTS}).`);
  }
  const ids = new Set<string>();
  for (const r of requests) {
    if (ids.has(r.id)) return graphError(400, 'BadRequest', `Batch request id '${r.id}' is used twice.`);
    ids.add(r.id);
  }
  for (const r of requests) {
    for (const d of r.dependsOn ?? []) if (!ids.has(d) || d === r.id) return graphError(400, 'BadRequest', `Request '${r.id}' depends on unknown request '${d}'.`);
  }
  // Graph refuses a batch where only some requests have dependsOn (reported against the json-batching
  // docs: https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/2339).
  const withDeps = requests.filter((r) => (r.dependsOn ?? []).length > 0).length;
  if (withDeps > 0 && withDeps < requests.length - 1) return graphError(400, 'BadRequest', 'Batch should be either fully sequential or fully parallel');

  const results = new Map<string, Promise<EmuResponse>>();
  const run = (r: (typeof requests)[number], chain: Set<string>): Promise<EmuResponse> => {
    const existing = results.get(r.id);
    if (existing) return existing;
    if (chain.has(r.id)) return Promise.resolve(graphError(400, 'BadRequest', `Request '${r.id}' has a circular dependsOn.`));
    const next = new Set(chain).add(r.id);
    const promise = (async (): Promise<EmuResponse> => {
      const deps = await Promise.all((r.dependsOn ?? []).map((d) => run(requests.find((x) => x.id === d) as (typeof requests)[number], next)));
      if (deps.some((d) => d.status >= 400)) return graphError(424, 'FailedDependency', 'A request this request depends on failed.');
      const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      if (r.body !== undefined && !headers['content-type']) {
        return graphError(400, 'BadRequest', 'A batched request with a body needs a Content-Type header.');
      }
      if (/^https?:/i.test(r.url)) return graphError(400, 'BadRequest', 'Batched request URLs are relative to the version, e.g. "/users".');
      const url = new URL(r.url.startsWith('/') ? r.url : `/${r.url}`, 'https://graph.invalid');
      return execute({
        method: r.method.toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: r.body,
        ...(outer.principal ? { principal: outer.principal } : {}),
        inBatch: true,
      });
    })();
    results.set(r.id, promise);
    return promise;
  };

  const responses = await Promise.all(
    requests.map(async (r) => {
      const res = await run(r, new Set());
      return { id: r.id, status: res.status, headers: res.headers ?? {}, ...(res.body !== undefined ? { body: res.body } : {}) };
    }),
  );
  return json(200, { responses });
}
