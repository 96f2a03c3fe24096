// The evidence pack through the tab's API client: the file comes back as a Blob with its Content-Disposition,
// sent with the bearer token; a refusal is an ApiError with the server's plain words and its field.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.js';
import { authorisedApi } from '../../api/authorised.js';
import { createApiClient, type FetchLike } from '../../api/client.js';
import { downloadEvidencePack } from '../../api/operations/compliance.js';

function apiAnswering(respond: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return respond();
  };
  return { api: authorisedApi(createApiClient({ fetch }), { current: async () => 'token-1', renew: async () => 'token-1' }), calls };
}

const request = { from: '2025-06-15', to: '2026-06-15', format: 'csv', schoolId: 'oakfield-academy' } as const;

describe('downloading the evidence pack', () => {
  it('fetches the file with the bearer token and returns its bytes and name', async () => {
    const csv = '\uFEFFsection,from\r\npack,2025-06-15\r\n';
    const { api, calls } = apiAnswering(
      () =>
        new Response(csv, {
          status: 200,
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="evidence-pack_2025-06-15_2026-06-15.csv"' },
        }),
    );
    const file = await downloadEvidencePack(api, request);
    expect(calls[0]?.url).toBe('/api/compliance/evidence-pack?from=2025-06-15&to=2026-06-15&format=csv&schoolId=oakfield-academy');
    expect(new Headers(calls[0]?.init?.headers).get('Authorization')).toBe('Bearer token-1');
    expect(calls[0]?.init?.method).toBe('GET');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.contentDisposition).toBe('attachment; filename="evidence-pack_2025-06-15_2026-06-15.csv"');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.blob.arrayBuffer())).toBe(csv);
  });

  it('turns a 400 into the server’s words, with the field to fix', async () => {
    const body = { error: 'invalid_request', message: 'to: the range ends before it starts.', issues: [{ field: 'to', message: 'to: the range ends before it starts.' }] };
    const { api } = apiAnswering(() => new Response(JSON.stringify(body), { status: 400, headers: { 'Content-Type': 'application/json' } }));
    const error = await downloadEvidencePack(api, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('to: the range ends before it starts.');
    expect((error as ApiError).issues).toEqual([{ field: 'to', message: 'to: the range ends before it starts.' }]);
  });

  it('turns a 403 into a plain refusal, and a lost connection into a network error', async () => {
    const refused = await downloadEvidencePack(apiAnswering(() => new Response('', { status: 403 })).api, request).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'forbidden', status: 403 });
    const lost = await downloadEvidencePack(apiAnswering(() => Promise.reject(new TypeError('fetch failed'))).api, request).catch((e: unknown) => e);
    expect(lost).toMatchObject({ kind: 'network' });
  });

  it('asks for no file when nobody is signed in', async () => {
    const calls: string[] = [];
    const api = authorisedApi(
      createApiClient({
        fetch: async (url) => {
          calls.push(url);
          return new Response('');
        },
      }),
      { current: async () => null, renew: async () => null },
    );
    await expect(async () => downloadEvidencePack(api, request)).rejects.toMatchObject({ kind: 'unauthorised' });
    expect(calls).toEqual([]);
  });
});
