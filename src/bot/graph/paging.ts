import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';

const collectionPage = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});

/** Far beyond any list the app reads (12,000 items are 12 pages of 1,000). */
export const MAX_PAGES = 2000;

/**
 * Follows `@odata.nextLink` until the collection ends. A next link on a foreign origin is refused
 * by the client's OriginBoundAuthHandler, so a token never leaves Graph. A link seen before, or
 * more than `maxPages` pages, is an error rather than an endless loop.
 */
export async function collectAllPages<T>(client: Client, firstPath: string, item: z.ZodType<T>, headers: Record<string, string> = {}, maxPages = MAX_PAGES): Promise<T[]> {
  const results: T[] = [];
  const seen = new Set<string>();
  let next: string | undefined = firstPath;
  for (let pages = 0; next; pages++) {
    if (pages >= maxPages) throw new Error(`Graph paging stopped after ${maxPages} pages; the collection did not end.`);
    if (seen.has(next)) throw new Error('Graph paging stopped: the same @odata.nextLink came back twice.');
    seen.add(next);
    const pageBody = collectionPage.parse(await client.api(next).headers(headers).get());
    for (const raw of pageBody.value) results.push(item.parse(raw));
    next = pageBody['@odata.nextLink'];
  }
  return results;
}
