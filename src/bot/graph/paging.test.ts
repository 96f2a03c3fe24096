import { Client, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectAllPages } from './paging.js';

function pagesClient(page: (n: number) => unknown): { client: Client; calls: () => number } {
  let n = 0;
  const transport: Middleware = {
    execute: async (context: Context) => {
      n++;
      context.response = new Response(JSON.stringify(page(n)), { status: 200, headers: { 'content-type': 'application/json' } });
    },
  };
  return { client: Client.initWithMiddleware({ middleware: transport, baseUrl: 'https://graph.test/' }), calls: () => n };
}

describe('collectAllPages', () => {
  it('stops with an error when the same nextLink comes back', async () => {
    const { client, calls } = pagesClient(() => ({ value: [1], '@odata.nextLink': 'https://graph.test/v1.0/users?$skiptoken=same' }));
    await expect(collectAllPages(client, '/users', z.number())).rejects.toThrow(/same @odata.nextLink/);
    expect(calls()).toBe(2);
  });

  it('stops with an error after the page cap when every link is new', async () => {
    const { client, calls } = pagesClient((n) => ({ value: [n], '@odata.nextLink': `https://graph.test/v1.0/users?$skiptoken=${n}` }));
    await expect(collectAllPages(client, '/users', z.number(), {}, 5)).rejects.toThrow(/after 5 pages/);
    expect(calls()).toBe(5);
  });

  it('returns every item when the collection ends', async () => {
    const { client } = pagesClient((n) => (n < 3 ? { value: [n], '@odata.nextLink': `https://graph.test/v1.0/users?$skiptoken=${n}` } : { value: [n] }));
    expect(await collectAllPages(client, '/users', z.number())).toEqual([1, 2, 3]);
  });
});
