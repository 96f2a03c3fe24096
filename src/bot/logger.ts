import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured logs. Tokens and bodies are redacted: logs must never carry case detail. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'safeguarding-supervision' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'token', 'accessToken', 'body', '*.body'],
      censor: '[redacted]',
    },
  });
}
