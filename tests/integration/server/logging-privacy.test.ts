import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/bot/config.js';
import { startServer, type RunningServer } from '../../../src/bot/server.js';
import type { UseCases } from '../../../src/bot/use-cases.js';
import { freePort } from '../../../scripts/local-stack.js';

const lines: string[] = [];
let server: RunningServer;
const CHILD = 'Zebedee Quillfeather'; // a fictional name standing in for case detail
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzZWNyZXQiOiJ0b2tlbiJ9.c2lnbmF0dXJl';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const config = loadConfig({ TENANT_ID: 't', CLIENT_ID: 'c', ALLOW_UNAUTHENTICATED_BOT: 'true', PORT: '0', TAB_DIST_DIR: '/nonexistent' });
  server = await startServer({
    config,
    log: pino({ level: 'debug' }, sink),
    verify: async () => ({ ok: false, reason: 'bad_signature' }),
    directory: { getUser: async () => undefined, listUsers: async () => [], getManager: async () => undefined, searchPeople: async () => [] },
    // Every request here is refused at sign-in, before any use case runs.
    useCases: {} as UseCases,
  });
});
afterAll(async () => {
  await server?.close();
});

describe('logs never carry case detail or tokens', () => {
  it('an API request is logged by method, path and status only', async () => {
    const res = await fetch(`${server.url}/api/me?child=${encodeURIComponent(CHILD)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(401);
    const logged = lines.join('');
    expect(logged).toContain('"route":"/api/me"');
    expect(logged).not.toContain('Zebedee');
    expect(logged).not.toContain(TOKEN);
  });

  it('a chat message is logged by command kind, never its text, even when the reply fails', async () => {
    const deadPort = await freePort(); // nothing listens: the bot's reply fails and the SDK logs it
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'm1',
        text: `${CHILD} told me something at break`,
        from: { id: 'u1', aadObjectId: 'a1000000-0000-4000-8000-000000000005', name: 'Sophie Lindqvist' },
        recipient: { id: 'bot', name: 'Safeguarding Supervision' },
        conversation: { id: 'conv-1', conversationType: 'personal', tenantId: 't' },
        channelId: 'msteams',
        serviceUrl: `http://127.0.0.1:${deadPort}/`,
      }),
    });
    expect(res.status).toBeGreaterThanOrEqual(200); // the SDK answers 500 when the reply cannot be delivered
    await expect.poll(() => lines.join('').includes('"command":"unknown"'), { timeout: 10_000 }).toBe(true);
    expect(lines.join('')).not.toContain('Zebedee');
  });
});
