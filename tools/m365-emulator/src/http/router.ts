import type { EmuRequest, EmuResponse, Handler } from './types.js';

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** A tiny router: `/v1.0/users/:id/manager`; `:name` matches one segment, case-insensitive literals like Graph. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'method-not-allowed' | undefined {
    const segments = split(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }

  async dispatch(req: EmuRequest): Promise<EmuResponse | undefined> {
    const found = this.match(req.method, req.path);
    if (!found) return undefined;
    if (found === 'method-not-allowed') {
      return {
        status: 405,
        headers: { 'content-type': 'application/json' },
        body: { error: { code: 'Request_BadRequest', message: `Method ${req.method} is not allowed on this resource.` } },
      };
    }
    return found.handler(req, found.params);
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const a = actual[i] as string;
    if (p.startsWith(':')) {
      params[p.slice(1)] = safeDecode(a);
    } else if (p.toLowerCase() !== a.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
