// Who may post activities to /api/messages when the bot checks tokens, as in production: the server in
// production mode against the emulator, with the Teams SDK's token checks pointed at signing keys this test
// serves on loopback (one standing for the Bot Framework's, one for a Microsoft Entra tenant's), so every
// token here is real and checked, and nothing leaves the machine.

import { generateKeyPair, exportJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { PUBLIC } from '@microsoft/teams.api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT_ID, startEmulator, type RunningEmulator } from '../../../tools/m365-emulator/src/index.js';
import { startFromConfig, type StartedApp } from '../../../src/bot/compose.js';
import { loadConfig } from '../../../src/bot/config.js';
import { createConversationRepository } from '../../../src/bot/storage/conversation-repository.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.js';
import { productionEnv } from '../../support/production-env.js';
import { DANIEL, HANNAH } from './bot-test-kit.js';

const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}
async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } };
}
const sign = (key: SigningKey, claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).setIssuedAt().setNotBefore('0s').setExpirationTime('10m').sign(key.privateKey);

let dir: string;
let emulator: RunningEmulator;
let keyServer: Server;
let keysUrl: string;
let app: StartedApp;
let connector: FakeConnector;
/** Where someone posting with a token that is not the Bot Connector's would have the bot send its answers. */
let elsewhere: FakeConnector;
let chat: BotChat;
/** What the server logged (warnings and worse). */
const logLines: string[] = [];
const keys = {} as Record<'botFramework' | 'entra' | 'unpublished', SigningKey>;

/** A Bot Connector token, as the Bot Framework issues one for an activity it delivers to `serviceUrl`. */
const botConnectorToken = (serviceUrl: string, key = keys.botFramework) => sign(key, { iss: BOT_FRAMEWORK_ISSUER, aud: LOCAL_CLIENT_ID, serviceurl: serviceUrl });
/** A Microsoft Entra token addressed to the app, as every signed-in user of the tab holds (its access or ID token). */
const entraToken = (userId: string) =>
  sign(keys.entra, { iss: `${keysUrl}/${emulator.tenantId}/v2.0`, aud: LOCAL_CLIENT_ID, tid: emulator.tenantId, oid: userId, scp: 'access_as_user', ver: '2.0' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bot-auth-'));
  emulator = await startEmulator({ dataDir: path.join(dir, 'emulator') });
  const caFile = path.join(dir, 'ca.pem');
  await writeFile(caFile, emulator.caCertPem);
  keys.botFramework = await signingKey('bot-framework-1');
  keys.entra = await signingKey('entra-1');
  keys.unpublished = await signingKey('bot-framework-1');
  // The two key sets the SDK reads: the Bot Framework's (from its OpenID metadata address) and a tenant's.
  const published: Record<string, JWK[]> = {
    '/botframework/v1/.well-known/keys': [keys.botFramework.jwk],
    [`/${emulator.tenantId}/discovery/v2.0/keys`]: [keys.entra.jwk],
  };
  keyServer = createServer((req, res) => {
    const found = published[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(found ? { keys: found } : {}));
  });
  await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
  keysUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;

  const config = loadConfig(productionEnv(emulator, caFile, dir));
  expect(config.bot.allowUnauthenticated).toBe(false);
  const cloud = { ...PUBLIC, loginEndpoint: keysUrl, openIdMetadataUrl: `${keysUrl}/botframework/v1/.well-known/openidconfiguration`, tokenIssuer: BOT_FRAMEWORK_ISSUER };
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  app = await startFromConfig({ ...config, bot: { ...config.bot, cloud } }, pino({ level: 'warn' }, sink));
  connector = await startFakeConnector();
  elsewhere = await startFakeConnector();
  chat = botChat({ serverUrl: app.url, connectorUrl: connector.url, tenantId: emulator.tenantId });
}, 60_000);

afterAll(async () => {
  await app?.idle();
  await app?.close();
  await connector?.close();
  await elsewhere?.close();
  keyServer?.closeAllConnections();
  await new Promise((resolve) => keyServer?.close(resolve));
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const savedConversationOf = (userId: string) => createConversationRepository(app.store as NonNullable<StartedApp['store']>, { now: () => new Date().toISOString() }).get(userId);
const help = { type: 'message', text: 'help', textFormat: 'plain' };

describe('POST /api/messages with the bot checking tokens (production)', () => {
  it('an activity with the Bot Connector’s token is answered, and the sender’s conversation is kept', async () => {
    const res = await chat.post(DANIEL, help, bearer(await botConnectorToken(connector.url)));
    expect(res.status).toBe(200);
    const replies = await connector.waitFor((r) => r.some((a) => a.conversationId === chat.conversationOf(DANIEL)), 'the help reply');
    expect(replies.length).toBeGreaterThan(0);
    expect(await savedConversationOf(DANIEL)).toMatchObject({ serviceUrl: connector.url, conversationId: chat.conversationOf(DANIEL) });
  });

  it('a Microsoft Entra token addressed to the app (any signed-in member of staff has one) cannot post as someone else', async () => {
    // Hannah's own token, an activity claiming to be from Daniel, and a service URL of her choosing.
    const forged = botChat({ serverUrl: app.url, connectorUrl: elsewhere.url, tenantId: emulator.tenantId });
    const before = connector.received.length;
    const token = await entraToken(HANNAH);
    for (const activity of [help, { type: 'message', text: 'agenda', textFormat: 'plain' }, { type: 'installationUpdate', action: 'add' }]) {
      const res = await forged.post(DANIEL, activity, bearer(token));
      expect(res.status, res.text).toBe(401);
      expect(JSON.parse(res.text)).toMatchObject({ error: 'unauthenticated', message: expect.stringMatching(/Bot Connector/) });
    }
    await app.idle();
    // Nothing was sent anywhere (the bot's own token included), and Daniel's cards still go to his real chat.
    expect(elsewhere.received).toEqual([]);
    expect(connector.received.length).toBe(before);
    expect(await savedConversationOf(DANIEL)).toMatchObject({ serviceUrl: connector.url });
    // Operators see it (docs/operations.md, "Activities not from the Bot Connector"), with the token's issuer and never the token.
    const logged = logLines.join('');
    expect(logged).toContain('bot endpoint refused a token the Bot Framework did not issue');
    expect(logged).toContain(`${keysUrl}/${emulator.tenantId}/v2.0`);
    expect(logged).not.toContain(token);
  });

  it('an activity from another organisation’s Teams (a real Bot Connector token) is refused and nothing is kept', async () => {
    const outsider = 'b2000000-0000-4000-8000-00000000000a';
    const otherTenant = 'e0000000-0000-4000-8000-0000000000ff';
    const theirs = botChat({ serverUrl: app.url, connectorUrl: connector.url, tenantId: otherTenant });
    const before = connector.received.length;
    const token = await botConnectorToken(connector.url);
    for (const activity of [help, { type: 'installationUpdate', action: 'add' }]) {
      const res = await theirs.post(outsider, activity, bearer(token));
      expect(res.status, res.text).toBe(403);
      expect(JSON.parse(res.text)).toMatchObject({ error: 'other_tenant' });
    }
    // Only the channel data names the tenant (some invokes carry no conversation tenant): refused all the same.
    const res = await theirs.post(outsider, { ...help, conversation: { id: theirs.conversationOf(outsider), conversationType: 'personal' } }, bearer(token));
    expect(res.status).toBe(403);
    await app.idle();
    expect(connector.received.length).toBe(before);
    expect(await savedConversationOf(outsider)).toBeUndefined();
    expect(logLines.join('')).toContain('bot endpoint refused an activity from another tenant');
  });

  it('no token, a token that is not a JWT, and a Bot Connector token the Bot Framework did not sign: 401, nothing sent', async () => {
    const cases: [string, Record<string, string>][] = [
      ['no token', {}],
      ['not a JWT', { authorization: 'Bearer not-a-token' }],
      ['another scheme', { authorization: `Basic ${Buffer.from('bot:secret').toString('base64')}` }],
      ['signed with a key the Bot Framework does not publish', bearer(await botConnectorToken(connector.url, keys.unpublished))],
      ['issued for another service URL than the activity names', bearer(await botConnectorToken(elsewhere.url))],
    ];
    const before = connector.received.length;
    for (const [what, headers] of cases) {
      const res = await chat.post(DANIEL, help, headers);
      expect(res.status, what).toBe(401);
    }
    await app.idle();
    expect(connector.received.length).toBe(before);
    expect(elsewhere.received).toEqual([]);
  });
  it('any Authorization header that is not a real Bot Connector token gets a 401 and sends nothing (generated)', async () => {
    const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
    // Tokens that look right and are not: the Bot Framework's issuer, any header and signature.
    const lookalike = fc
      .tuple(
        fc.record({ alg: fc.constantFrom('RS256', 'HS256', 'none', 'ES256'), kid: fc.oneof(fc.constant('bot-framework-1'), fc.string()) }, { requiredKeys: [] }),
        fc.record(
          {
            iss: fc.constantFrom(BOT_FRAMEWORK_ISSUER, `${BOT_FRAMEWORK_ISSUER}/`, 'https://sts.windows.net/x/'),
            aud: fc.constantFrom(LOCAL_CLIENT_ID, 'other'),
            exp: fc.integer(),
          },
          { requiredKeys: [] },
        ),
        fc.string(),
      )
      .map(([header, claims, signature]) => `Bearer ${b64(header)}.${b64(claims)}.${b64(signature)}`);
    // What fetch can send as a header value (it refuses control characters and trims spaces).
    const sendable = (h: string) => /^[\t\x20-\x7e]*$/.test(h) && h.trim() === h;
    const header = fc
      .oneof(
        lookalike,
        fc.string().map((t) => `Bearer ${t}`),
        fc.string(),
      )
      .filter(sendable);
    const before = connector.received.length;
    await fc.assert(
      fc.asyncProperty(header, async (authorization) => {
        const res = await chat.post(DANIEL, help, authorization ? { authorization } : {});
        expect(res.status, authorization).toBe(401);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 40) },
    );
    await app.idle();
    expect(connector.received.length).toBe(before);
  });
});
