import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Attaches the bearer token only to requests for the configured Graph origin (scheme, host and
 * port), and refuses to send anything elsewhere — e.g. a foreign `@odata.nextLink`.
 * The stock AuthenticationHandler matches hosts without ports, which would leak to any 127.0.0.1 service.
 */
export class OriginBoundAuthHandler implements Middleware {
  private nextMiddleware: Middleware | undefined;

  constructor(
    private readonly graphOrigin: string,
    private readonly getAccessToken: () => Promise<string>,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (new URL(url).origin !== this.graphOrigin) {
      throw new Error(`Graph: refusing to send a request to ${new URL(url).origin}; only ${this.graphOrigin} is allowed.`);
    }
    const token = await this.getAccessToken();
    context.options ??= {};
    const headers = new Headers(context.options.headers as HeadersInit | undefined);
    headers.set('Authorization', `Bearer ${token}`);
    context.options.headers = Object.fromEntries(headers.entries());
    if (!this.nextMiddleware) throw new Error('Graph: middleware chain is incomplete.');
    await this.nextMiddleware.execute(context);
  }

  setNext(next: Middleware): void {
    this.nextMiddleware = next;
  }
}
