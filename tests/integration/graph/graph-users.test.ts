import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS, DSL_ID, PRINCIPAL_ID } from '../../../tools/m365-emulator/src/index.js';
import { startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

describe('emulator Graph users', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startEmulatorFixture();
  });
  afterEach(async () => {
    await f.stop();
  });

  const get = async (path: string, token?: string) => {
    const res = await f.fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('rejects missing, expired and wrong-audience tokens with InvalidAuthenticationToken', async () => {
    expect(await get('/v1.0/users')).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    const expired = await f.devToken(DSL_ID, 'https://graph.microsoft.com', { expiresInSeconds: -5 });
    expect(await get('/v1.0/me', expired)).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    const otherAudience = await f.devToken(DSL_ID, 'api://something-else');
    expect(await get('/v1.0/me', otherAudience)).toMatchObject({ status: 401 });
  });

  it('pages through users with $top and @odata.nextLink on its own origin', async () => {
    const token = await f.appToken();
    const ids: string[] = [];
    let next: string | undefined = '/v1.0/users?$top=4&$select=id,displayName';
    let pages = 0;
    while (next) {
      const { status, body } = await get(next, token);
      expect(status).toBe(200);
      const value = body['value'] as { id: string; displayName: string; mail?: string }[];
      expect(value.length).toBeLessThanOrEqual(4);
      expect(value[0]).not.toHaveProperty('mail');
      ids.push(...value.map((u) => u.id));
      next = body['@odata.nextLink'] as string | undefined;
      if (next) expect(new URL(next).origin).toBe(new URL(f.emulator.url).origin);
      pages++;
    }
    expect(pages).toBe(3);
    expect(ids.sort()).toEqual(DEMO_USERS.map((u) => u.id).sort());
  });

  it('gets a user by id or UPN, their manager, and 404s unknown users in Graph shape', async () => {
    const token = await f.appToken();
    const byUpn = await get('/v1.0/users/daniel.okafor@oakfield.example?$select=id,displayName,department', token);
    expect(byUpn).toMatchObject({ status: 200, body: { id: DSL_ID, displayName: 'Daniel Okafor', department: 'Safeguarding' } });
    const byId = await get(`/v1.0/users/${DSL_ID}`, token);
    expect(byId.body).not.toHaveProperty('department'); // not a default property in Graph
    expect(await get(`/v1.0/users/${DSL_ID}/manager`, token)).toMatchObject({ status: 200, body: { id: PRINCIPAL_ID } });
    expect(await get(`/v1.0/users/${PRINCIPAL_ID}/manager`, token)).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
    expect(await get('/v1.0/users/00000000-0000-0000-0000-000000000000', token)).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
  });

  it('filters users with eq and startswith', async () => {
    const token = await f.appToken();
    const { body } = await get(`/v1.0/users?$filter=${encodeURIComponent("startswith(displayName,'h') or jobTitle eq 'Principal'")}`, token);
    expect((body['value'] as { displayName: string }[]).map((u) => u.displayName).sort()).toEqual(['Hannah Whitcombe', 'Rachel Fairbrother']);
  });

  it('answers /me for delegated tokens only', async () => {
    const user = await f.devToken(DSL_ID);
    expect(await get('/v1.0/me', user)).toMatchObject({ status: 200, body: { id: DSL_ID } });
    const app = await f.appToken();
    expect(await get('/v1.0/me', app)).toMatchObject({ status: 400 });
  });
});
