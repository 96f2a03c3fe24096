import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS, DSL_ID, PRINCIPAL_ID } from '../../../tools/m365-emulator/src/index.js';
import { loadOrCreateCertificate } from '../../../tools/m365-emulator/src/tls/certificate.js';
import { createGraphClient } from '../../../src/bot/graph/graph-client.js';
import { createGraphDirectory } from '../../../src/bot/graph/directory.js';
import { emulatorStats, startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

describe('Graph directory adapter against the emulator', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startEmulatorFixture();
  });
  afterEach(async () => {
    await f.stop();
  });

  it('lists, gets and searches users with the production client', async () => {
    const directory = createGraphDirectory(createGraphClient(f.connection));
    const users = await directory.listUsers();
    expect(users).toHaveLength(DEMO_USERS.length);
    expect(users.find((u) => u.id === DSL_ID)).toEqual({
      id: DSL_ID,
      displayName: 'Daniel Okafor',
      jobTitle: 'Designated Safeguarding Lead',
      department: 'Safeguarding',
      mail: 'daniel.okafor@oakfield.example',
      userPrincipalName: 'daniel.okafor@oakfield.example',
    });
    expect(await directory.getUser('a1000000-0000-4000-8000-0000000000ff')).toBeUndefined();
    // Dots alone are a path segment to Graph (/users/.. is the service root), never a person.
    for (const id of ['', '.', '..']) {
      expect(await directory.getUser(id), JSON.stringify(id)).toBeUndefined();
      expect(await directory.getManager(id), JSON.stringify(id)).toBeUndefined();
    }
    expect((await directory.getManager(DSL_ID))?.id).toBe(PRINCIPAL_ID);
    expect(await directory.getManager(PRINCIPAL_ID)).toBeUndefined();
    expect((await directory.searchPeople('grace')).map((u) => u.displayName)).toEqual(['Grace Mwangi']);
    expect(await directory.searchPeople("o'brien & co")).toEqual([]);
  });

  it('acquires the app token once through MSAL and reuses it', async () => {
    const directory = createGraphDirectory(createGraphClient(f.connection));
    for (const u of DEMO_USERS) await directory.getUser(u.id);
    const stats = await emulatorStats(f);
    expect(stats.graphHttpRequests).toBe(DEMO_USERS.length);
    // OpenID metadata + one token request, whatever the number of Graph calls.
    expect(stats.identityHttpRequests).toBeLessThanOrEqual(2);
  });

  it('fails clearly with a wrong client secret', async () => {
    const directory = createGraphDirectory(createGraphClient({ ...f.connection, clientSecret: 'wrong' }));
    await expect(directory.listUsers()).rejects.toThrow(/invalid_client|7000215/);
  });

  it('does not follow a redirect from Graph, so the request never reaches the redirect target', async () => {
    const tls = await loadOrCreateCertificate(f.dataDir);
    const seen: (string | undefined)[] = [];
    const foreign = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[]}');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    const foreignPort = (foreign.address() as AddressInfo).port;
    const redirecting = createServer({ cert: tls.certPem, key: tls.keyPem }, (_req, res) => res.writeHead(307, { location: `https://127.0.0.1:${foreignPort}/v1.0/users` }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const graphBaseUrl = `https://127.0.0.1:${(redirecting.address() as AddressInfo).port}/v1.0/`;
      await expect(
        createGraphClient({ ...f.connection, graphBaseUrl })
          .api('/users')
          .get(),
      ).rejects.toBeDefined();
      expect(seen).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => foreign.close(() => resolve()));
      await new Promise<void>((resolve) => redirecting.close(() => resolve()));
    }
  });

  it('never sends the token to another origin, even on the same host', async () => {
    const tls = await loadOrCreateCertificate(f.dataDir); // same CA, so only the origin check can stop it
    const seen: (string | undefined)[] = [];
    const foreign = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[]}');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    try {
      const client = createGraphClient(f.connection);
      const port = (foreign.address() as AddressInfo).port;
      await expect(client.api(`https://127.0.0.1:${port}/v1.0/users`).get()).rejects.toThrow(/refusing/);
      expect(seen).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => foreign.close(() => resolve()));
    }
  });
});
