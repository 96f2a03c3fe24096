import { Client, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { createBatchRunner } from './batch.js';
import { createGraphCalendar, type NewCalendarEvent } from './calendar.js';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
interface Call {
  at: number;
  method: string;
  url: string;
  body: unknown;
}

/** A Graph client whose transport is a function: no server, no retry middleware. */
function fakeGraph(answer: (call: Call, n: number) => Reply | Error): { client: Client; calls: Call[] } {
  const calls: Call[] = [];
  const transport: Middleware = {
    execute: async (context: Context) => {
      const url = typeof context.request === 'string' ? context.request : context.request.url;
      const raw = context.options?.body;
      const call: Call = {
        at: performance.now(),
        method: context.options?.method ?? 'GET',
        url: new URL(url).pathname + new URL(url).search,
        body: typeof raw === 'string' ? (JSON.parse(raw) as unknown) : undefined,
      };
      calls.push(call);
      const reply = answer(call, calls.length);
      if (reply instanceof Error) throw reply;
      context.response = new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status,
        headers: { 'content-type': 'application/json', ...(reply.headers ?? {}) },
      });
    },
  };
  return { client: Client.initWithMiddleware({ middleware: transport, baseUrl: 'https://graph.test/' }), calls };
}

const inner = (call: Call) => (call.body as { requests: { id: string; method: string; url: string }[] }).requests;
const event: NewCalendarEvent = {
  organizerId: 'org',
  transactionId: 'tx-1',
  subject: 'Safeguarding supervision',
  startUtc: '2031-01-06T09:00:00Z',
  endUtc: '2031-01-06T10:00:00Z',
  attendees: [],
};
const graphEvent = (id: string, transactionId: string) => ({
  id,
  subject: 'Safeguarding supervision',
  start: { dateTime: '2031-01-06T09:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2031-01-06T10:00:00.0000000', timeZone: 'UTC' },
  isOrganizer: true,
  transactionId,
});
// As Exchange sends it when it does not name the first event.
const duplicateWithoutId = {
  error: {
    code: 'ErrorDuplicateTransactionId',
    message: "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.",
  },
};

describe('calendar: a repeated transactionId without @event.existingEventId', () => {
  it('createEvent finds the first event in its own time window by transactionId', async () => {
    const { client, calls } = fakeGraph((call) => {
      if (call.method === 'POST') return { status: 400, body: duplicateWithoutId };
      return { status: 200, body: { value: [graphEvent('other', 'tx-other'), graphEvent('first', 'tx-1')] } };
    });
    const created = await createGraphCalendar(client).createEvent(event);
    expect(created.id).toBe('first');
    const lookup = new URL(calls[1]?.url ?? '', 'https://graph.test');
    expect(lookup.pathname).toBe('/v1.0/users/org/calendarView');
    expect([lookup.searchParams.get('startDateTime'), lookup.searchParams.get('endDateTime')]).toEqual([event.startUtc, event.endUtc]);
  });

  it('createEvents (batched) resolves it the same way, and a 409 with the same code too', async () => {
    const { client } = fakeGraph((call) => {
      const reqs = inner(call);
      if (reqs[0]?.method === 'POST') return { status: 200, body: { responses: reqs.map((r, i) => ({ id: r.id, status: i === 0 ? 400 : 409, body: duplicateWithoutId })) } };
      return { status: 200, body: { responses: reqs.map((r, i) => ({ id: r.id, status: 200, body: { value: [graphEvent(`first-${i}`, i === 0 ? 'tx-1' : 'tx-2')] } })) } };
    });
    const results = await createGraphCalendar(client).createEvents([event, { ...event, transactionId: 'tx-2' }]);
    expect(results.map((r) => (r.ok ? r.event.id : r.status))).toEqual(['first-0', 'first-1']);
  });
});

describe('batch runner', () => {
  it('resends an inner request in doubt (504) only when it is idempotent', async () => {
    const { client, calls } = fakeGraph((call, n) => ({ status: 200, body: { responses: inner(call).map((r) => ({ id: r.id, status: n === 1 ? 504 : 201, body: {} })) } }));
    const results = await createBatchRunner(client, { lingerMs: 0 }).run([
      { method: 'POST', url: '/a', body: {}, idempotent: true },
      { method: 'POST', url: '/b', body: {}, idempotent: false },
    ]);
    expect(results.map((r) => [r.status, r.outcomeUnknown ?? false])).toEqual([
      [201, false],
      [504, true],
    ]);
    expect(calls.flatMap(inner).map((r) => r.url)).toEqual(['/a', '/b', '/a']);
  });

  it('fails fast on an error that is not an HTTP answer from Graph (e.g. MSAL invalid_client)', async () => {
    const msal = Object.assign(new Error('invalid_client: AADSTS7000215: Invalid client secret provided.'), { name: 'ServerError', errorCode: 'invalid_client' });
    const { client, calls } = fakeGraph(() => msal);
    const run = createBatchRunner(client).run([{ method: 'GET', url: '/users', idempotent: true }]);
    await expect(run).rejects.toThrow(/invalid_client/);
    expect(calls).toHaveLength(1);
  });

  it("waits out an inner request's Retry-After before resending it", async () => {
    const { client, calls } = fakeGraph((call, n) => ({
      status: 200,
      body: { responses: inner(call).map((r) => (n === 1 ? { id: r.id, status: 429, headers: { 'Retry-After': '2' }, body: {} } : { id: r.id, status: 200, body: {} })) },
    }));
    const [result] = await createBatchRunner(client, { lingerMs: 0 }).run([{ method: 'GET', url: '/users', idempotent: true }]);
    expect(result?.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1950);
  });

  it("puts one run's throttled retries in the same batches as a run started meanwhile, and answers each run with its own responses", async () => {
    // Every request's first try is throttled (Retry-After 1 s); the second run starts while the first waits.
    const seen = new Set<string>();
    const { client, calls } = fakeGraph((call) => ({
      status: 200,
      body: {
        responses: inner(call).map((r) => {
          const first = !seen.has(r.url);
          seen.add(r.url);
          return first && r.url.startsWith('/a') ? { id: r.id, status: 429, headers: { 'Retry-After': '1' }, body: {} } : { id: r.id, status: 200, body: { url: r.url } };
        }),
      },
    }));
    const runner = createBatchRunner(client, { lingerMs: 300 });
    const get = (url: string) => ({ method: 'GET' as const, url, idempotent: true });
    const first = runner.run(Array.from({ length: 5 }, (_, i) => get(`/a${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 850));
    const second = runner.run(Array.from({ length: 15 }, (_, i) => get(`/b${i}`)));
    const [a, b] = await Promise.all([first, second]);
    expect(a.map((r) => (r.body as { url: string }).url)).toEqual(['/a0', '/a1', '/a2', '/a3', '/a4']);
    expect(b.map((r) => (r.body as { url: string }).url)).toEqual(Array.from({ length: 15 }, (_, i) => `/b${i}`));
    // Due within the linger time, the first run's retries wait for nothing else: the second run's requests join them.
    expect(calls.map((c) => inner(c).length)).toEqual([5, 20]);
  });

  it('fails only the run whose batch hit an error resending cannot fix; a run in the same runner goes on', async () => {
    const { client } = fakeGraph((call) =>
      inner(call).some((r) => r.url === '/bad')
        ? Object.assign(new Error('invalid_client'), { name: 'ServerError' })
        : { status: 200, body: { responses: inner(call).map((r) => ({ id: r.id, status: 200, body: {} })) } },
    );
    const runner = createBatchRunner(client, { lingerMs: 0, batchSize: 1 });
    const bad = runner.run([{ method: 'GET', url: '/bad', idempotent: true }]);
    const good = runner.run([{ method: 'GET', url: '/good', idempotent: true }]);
    await expect(bad).rejects.toThrow(/invalid_client/);
    expect((await good).map((r) => r.status)).toEqual([200]);
  });

  it('keeps at most maxInFlightPerKey requests per key in flight across batches', async () => {
    const { client, calls } = fakeGraph((call) => ({ status: 200, body: { responses: inner(call).map((r) => ({ id: r.id, status: 201, body: {} })) } }));
    const requests = Array.from({ length: 10 }, (_, i) => ({
      method: 'POST' as const,
      url: `/users/${i % 2 ? 'a' : 'b'}/events`,
      body: {},
      idempotent: true,
      key: i % 2 ? 'a' : 'b',
    }));
    await createBatchRunner(client, { maxInFlightPerKey: 2, concurrency: 1 }).run(requests);
    for (const c of calls) {
      const perKey = new Map<string, number>();
      for (const r of inner(c)) perKey.set(r.url, (perKey.get(r.url) ?? 0) + 1);
      expect(Math.max(...perKey.values())).toBeLessThanOrEqual(2);
    }
  });
});
