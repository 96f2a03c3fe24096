import type { ILogger, LogLevel } from '@microsoft/teams.common';
import type { Logger } from 'pino';

/**
 * Routes the Teams SDK's own logging into pino. Only plain-text messages are kept and debug/trace
 * output is dropped: the SDK can log whole activities, and a chat message may hold case detail.
 */
export function teamsSdkLogger(log: Logger, name = 'teams-sdk'): ILogger {
  const child = log.child({ component: name });
  const text = (msg: unknown[]) => msg.filter((m): m is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof m)).join(' ');
  const emit = (level: LogLevel, msg: unknown[]) => {
    if (level === 'debug' || level === 'trace') return;
    child[level](text(msg));
  };
  return {
    debug: () => {},
    trace: () => {},
    info: (...m: unknown[]) => emit('info', m),
    warn: (...m: unknown[]) => emit('warn', m),
    error: (...m: unknown[]) => emit('error', m),
    log: (level: LogLevel, ...m: unknown[]) => emit(level, m),
    child: (childName: string) => teamsSdkLogger(log, `${name}/${childName}`),
  };
}
