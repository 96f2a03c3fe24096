import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/**
 * One line per API request: method, route path, status and duration. Never the query string,
 * headers or body: they can carry tokens or case detail.
 */
export function logRequests(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The matched route pattern, not the raw path: a path is text anyone can type.
      const route = typeof req.route?.path === 'string' ? req.baseUrl + req.route.path : `${req.baseUrl} (no route)`;
      const entry = { method: req.method, route, status: res.statusCode, ms: Math.round(ms) };
      if (res.statusCode >= 500) log.error(entry, 'request');
      else log.info(entry, 'request');
    });
    next();
  };
}
