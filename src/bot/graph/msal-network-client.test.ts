import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMsalNetworkClient } from './msal-network-client.js';

describe('MSAL network client', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  const serve = async (handler: Parameters<typeof createServer>[1]): Promise<string> => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  };

  it('reports a non-JSON reply by status and type, without the body', async () => {
    const url = await serve((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>secret-looking proxy page</html>'));
    const failure = createMsalNetworkClient(undefined).sendPostRequestAsync(url, { body: 'client_secret=x' });
    await expect(failure).rejects.toThrow(/HTTP 502 with text\/html, not JSON/);
    await expect(failure).rejects.not.toThrow(/secret-looking/);
  });

  it('gives up on a token POST that never answers', async () => {
    const url = await serve(() => undefined);
    await expect(createMsalNetworkClient(undefined, 200).sendPostRequestAsync(url, { body: 'x' })).rejects.toThrow(/timeout|aborted/i);
  });
});
