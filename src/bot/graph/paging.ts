import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';

const collectionPage = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});

/**
 * Follows `@odata.nextLink` until the collection ends. A next link on a foreign origin is refused
 * by the client's OriginBoundAuthHandler, so a token never leaves Graph.
 */
export async function collectAllPages<T>(client: Client, firstPath: string, item: z.ZodType<T>, headers: Record<string, string> = {}): Promise<T[]> {
  const results: T[] = [];
  let next: string | undefined = firstPath;
  while (next) {
    const pageBody = collectionPage.parse(await client.api(next).headers(headers).get());
    for (const raw of pageBody.value) results.push(item.parse(raw));
    next = pageBody['@odata.nextLink'];
  }
  return results;
}
