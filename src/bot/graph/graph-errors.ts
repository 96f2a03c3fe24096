import { GraphError } from '@microsoft/microsoft-graph-client';

export function graphStatus(error: unknown): number | undefined {
  return error instanceof GraphError ? error.statusCode : undefined;
}

export function isNotFound(error: unknown): boolean {
  return graphStatus(error) === 404;
}

/** OData string literal: single quotes doubled (OData ABNF, `SQUOTE-in-string`). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A Graph failure seen through `$batch` or turned into a domain-level message. Carries no payload data. */
export class GraphAdapterError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GraphAdapterError';
  }

  static messageOf(body: unknown): string {
    const e = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof e?.code === 'string' ? e.code : 'error';
    const message = typeof e?.message === 'string' ? e.message : '';
    return message ? `${code}: ${message}` : code;
  }
}

/** The app cannot reach a SharePoint site: with Sites.Selected it must be granted on that site. */
export class SiteAccessDeniedError extends Error {
  constructor(readonly siteId: string) {
    super(
      `Microsoft Graph denied access to SharePoint site ${siteId}. The app uses Sites.Selected: a SharePoint administrator must grant it 'write' on this site (POST /v1.0/sites/{site-id}/permissions), or the site id is wrong.`,
    );
    this.name = 'SiteAccessDeniedError';
  }
}

/** Two writers changed the same field of one item; neither change was applied over the other. */
export class ConcurrentUpdateError extends Error {
  constructor(
    readonly list: string,
    readonly itemId: string,
    readonly fields: readonly string[],
  ) {
    super(`Item ${itemId} in ${list} was changed by someone else in the same field(s): ${fields.join(', ')}. Reload and try again.`);
    this.name = 'ConcurrentUpdateError';
  }
}
