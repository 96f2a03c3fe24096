import type { RequestHandler } from 'express';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import { sendError } from '../http/send-error.js';

/** The issuer claim of a bearer token, read without checking it; undefined when it is not a JWT. */
function unverifiedIssuer(authorization: string | undefined): string | undefined {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

/**
 * Runs before the Teams SDK checks the token on POST /api/messages: only a token the Bot Framework issued
 * goes on to it. The SDK (2.1.0) also accepts any Microsoft Entra token addressed to the app, for agentic
 * identities, and checks neither the service URL nor who the token was issued to; this app's registration
 * is also the tab's API, so every signed-in member of staff holds such a token and could post activities
 * as anyone else. The issuer read here only routes the request: the SDK then verifies the token in full.
 */
export function acceptBotConnectorTokensOnly(botFrameworkIssuer: string, log: Logger): RequestHandler {
  return (req, res, next) => {
    const issuer = unverifiedIssuer(req.headers.authorization);
    if (issuer === botFrameworkIssuer) return next();
    // The issuer names a tenant at most, never a person; the token itself is never logged.
    log.warn({ issuer: issuer?.slice(0, 200) ?? (req.headers.authorization ? 'not a JWT' : 'no token') }, 'bot endpoint refused a token the Bot Framework did not issue');
    res.setHeader('WWW-Authenticate', 'Bearer');
    sendError(res, 401, { error: 'unauthenticated', message: 'Only the Bot Connector may post activities here, with its own token.' });
  };
}
