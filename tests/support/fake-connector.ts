// A tiny Bot Connector on loopback: what the bot's replies and proactive cards are sent to in tests.
// Records every activity posted (POST .../activities, a reply POST .../activities/{replyToId}) or updated
// (PUT .../activities/{activityId}), answers as the Bot Connector does, and can refuse a conversation
// with 403 (the user removed or blocked the app).

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An Adaptive Card as it travels in an activity's attachment (plain JSON). */
export type CardJson = { type?: string; body?: unknown[]; actions?: unknown[] } & Record<string, unknown>;

/** The part of an activity the tests read. */
export interface ActivityJson {
  type?: string;
  text?: string;
  replyToId?: string;
  attachments?: { contentType: string; content: unknown }[];
  [key: string]: unknown;
}

export interface RecordedActivity {
  /** POST: a new activity (the answer carries the id made for it); PUT: an update of `activityId`. */
  method: 'POST' | 'PUT';
  conversationId: string;
  /** POST: the id this connector gave it; PUT: the id updated. */
  activityId: string;
  /** POST to .../activities/{id}: a reply to that activity. */
  replyToId?: string;
  /** The HTTP status this connector answered. */
  status: number;
  body: ActivityJson;
  /** Order of arrival, from 0. */
  seq: number;
}

export interface FakeConnector {
  /** `http://127.0.0.1:<port>`: the serviceUrl to give the bot. */
  url: string;
  /** Everything received so far, in order (refused calls too, with their status). */
  readonly received: readonly RecordedActivity[];
  /** Answer 403 to every call for this conversation (as Teams does once the app is removed), or stop doing so. */
  refuse(conversationId: string, refused?: boolean): void;
  /** Resolves with the records once `predicate` holds for them (checked now and on every new call). */
  waitFor(predicate: (received: readonly RecordedActivity[]) => boolean, what?: string, timeoutMs?: number): Promise<readonly RecordedActivity[]>;
  /** Records accepted (2xx) since `fromSeq`, optionally for one conversation. */
  since(fromSeq: number, conversationId?: string): RecordedActivity[];
  close(): Promise<void>;
}

/** The first Adaptive Card in an activity, or undefined. */
export function cardOf(activity: Pick<RecordedActivity, 'body'> | ActivityJson): CardJson | undefined {
  const body = ('body' in activity && typeof activity.body === 'object' && activity.body !== null && 'attachments' in activity.body ? activity.body : activity) as ActivityJson;
  const a = body.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');
  return a?.content as CardJson | undefined;
}

/** Every Action.Execute anywhere in a card (actions, action sets, refresh): title, verb, data. */
export function executeActionsOf(card: unknown): { title?: string; verb: string; data: Record<string, unknown> }[] {
  const out: { title?: string; verb: string; data: Record<string, unknown> }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Execute' && typeof n.verb === 'string') {
      out.push({ ...(typeof n.title === 'string' ? { title: n.title } : {}), verb: n.verb, data: (n.data ?? {}) as Record<string, unknown> });
    }
    for (const v of Object.values(n)) visit(v);
  };
  visit(card);
  return out;
}

/** Every TextBlock text and Fact title/value in a card, joined by newlines: what a person reads. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') out.push(n.text);
    if (typeof n.title === 'string' && typeof n.value === 'string' && n.type === undefined) out.push(`${n.title}: ${n.value}`);
    for (const v of Object.values(n)) visit(v);
  };
  visit(card);
  return out.join('\n');
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const received: RecordedActivity[] = [];
  const refused = new Set<string>();
  const watchers = new Set<() => void>();

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const match = ROUTE.exec(path);
      const text = await readBody(req);
      if (!match || (req.method !== 'POST' && req.method !== 'PUT')) return answer(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
      const conversationId = decodeURIComponent(match[1] as string);
      const pathId = match[2] ? decodeURIComponent(match[2]) : undefined;
      let body: ActivityJson;
      try {
        body = JSON.parse(text) as ActivityJson;
      } catch {
        return answer(res, 400, { error: { code: 'BadSyntax', message: 'not JSON' } });
      }
      if (req.method === 'PUT' && !pathId) return answer(res, 405, { error: { code: 'MethodNotAllowed', message: 'PUT needs an activity id' } });
      const status = refused.has(conversationId) ? 403 : 200;
      const activityId = req.method === 'PUT' ? (pathId as string) : `act-${randomUUID()}`;
      received.push({
        method: req.method,
        conversationId,
        activityId,
        ...(req.method === 'POST' && pathId ? { replyToId: pathId } : {}),
        status,
        body,
        seq: received.length,
      });
      if (status === 403) answer(res, 403, { error: { code: 'BotDisabledByAdmin', message: 'The bot is not part of the conversation roster.' } });
      else answer(res, 200, { id: activityId });
      for (const w of [...watchers]) w();
    })().catch((err: unknown) => answer(res, 500, { error: { code: 'InternalError', message: String(err) } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    refuse: (conversationId, on = true) => void (on ? refused.add(conversationId) : refused.delete(conversationId)),
    since: (fromSeq, conversationId) => received.filter((r) => r.seq >= fromSeq && r.status < 300 && (conversationId === undefined || r.conversationId === conversationId)),
    waitFor: (predicate, what = 'the expected activities', timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(received)) return;
          clearTimeout(timer);
          watchers.delete(check);
          resolve(received);
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(
            new Error(
              `fake connector: ${what} did not arrive within ${timeoutMs / 1000} s; received ${received.length}: ${received.map((r) => `${r.method} ${r.conversationId}`).join(', ')}`,
            ),
          );
        }, timeoutMs);
        watchers.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
