import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One item of a changeNotificationCollection, change or lifecycle. */
export interface ReceivedNotification {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  changeType?: string;
  lifecycleEvent?: string;
  resource?: string;
  resourceData?: { '@odata.type': string; '@odata.id': string; '@odata.etag': string; id: string };
  clientState: string | null;
  tenantId: string;
}

export type HandshakeMode = 'echo' | 'wrong-token' | 'http-500' | 'json';

/**
 * A webhook endpoint on 127.0.0.1 for the tests: answers Graph's validation handshake (or fails it on
 * purpose), records every POST, and can fail the next N notification POSTs with 500.
 */
export interface NotificationReceiver {
  url(path: string): string;
  /** Validation requests seen, by path: the token and the request's content type. */
  validations: { path: string; token: string; contentType: string }[];
  /** Notification POSTs answered 202, by path. */
  posts: { path: string; value: ReceivedNotification[] }[];
  handshake(path: string, mode: HandshakeMode): void;
  failNext(path: string, times: number): void;
  /** Every notification received on a path, flattened. */
  received(path: string): ReceivedNotification[];
  close(): Promise<void>;
}

export async function startNotificationReceiver(): Promise<NotificationReceiver> {
  const modes = new Map<string, HandshakeMode>();
  const failures = new Map<string, number>();
  const validations: NotificationReceiver['validations'] = [];
  const posts: NotificationReceiver['posts'] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const token = url.searchParams.get('validationToken');
      if (req.method === 'POST' && token !== null) {
        validations.push({ path: url.pathname, token, contentType: req.headers['content-type'] ?? '' });
        const mode = modes.get(url.pathname) ?? 'echo';
        if (mode === 'http-500') return void res.writeHead(500).end();
        if (mode === 'json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ validationToken: token }));
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(mode === 'wrong-token' ? `${token}-not` : token);
        return;
      }
      const failing = failures.get(url.pathname) ?? 0;
      if (failing > 0) {
        failures.set(url.pathname, failing - 1);
        return void res.writeHead(500).end();
      }
      const parsed = JSON.parse(body || '{}') as { value?: ReceivedNotification[] };
      posts.push({ path: url.pathname, value: parsed.value ?? [] });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    validations,
    posts,
    handshake: (path, mode) => void modes.set(path, mode),
    failNext: (path, times) => void failures.set(path, times),
    received: (path) => posts.filter((p) => p.path === path).flatMap((p) => p.value),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Polls until `find` returns something (no fixed sleeps); fails with `what` after the timeout. */
export async function waitFor<T>(what: string, find: () => T | undefined | Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
