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
