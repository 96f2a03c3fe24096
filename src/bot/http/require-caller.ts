import type { NextFunction, Request, Response } from 'express';
import type { TokenVerdict, VerifiedCaller } from '../auth/verify-access-token.js';
import { sendError } from './send-error.js';

export type VerifyBearer = (authorization: string | undefined) => Promise<TokenVerdict>;

const REASON_TEXT: Record<string, string> = {
  missing_token: 'Sign in first: the request has no Authorization: Bearer token.',
  malformed_token: 'The bearer token is not a valid JWT. Sign in again.',
  token_expired: 'Your sign-in has expired. Sign in again.',
  token_not_yet_valid: 'The token is not valid yet. Check the device clock and sign in again.',
  wrong_audience: 'The token was issued for a different application.',
  wrong_issuer: 'The token was issued by an authority this app does not trust.',
  bad_signature: 'The token signature is not valid.',
  unknown_signing_key: 'The token was signed by a key this app does not trust.',
  algorithm_not_allowed: 'The token uses a signing algorithm this app does not accept.',
  missing_identity_claims: 'The token does not identify a user (no oid/tid).',
  missing_scope: 'The token does not grant access to this API (access_as_user).',
};

/** Authenticates the caller from the bearer token; identity never comes from the body. */
export function requireCaller(verify: VerifyBearer) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const verdict = await verify(req.headers.authorization);
    if (!verdict.ok && verdict.reason === 'signing_keys_unavailable') {
      // Our problem, not the caller's: the identity provider's keys could not be fetched.
      sendError(res, 503, { error: verdict.reason, message: 'Sign-in cannot be checked right now. Try again in a minute.' });
      return;
    }
    if (!verdict.ok) {
      res.setHeader('WWW-Authenticate', `Bearer error="invalid_token"`);
      sendError(res, 401, {
        error: verdict.reason,
        message: REASON_TEXT[verdict.reason] ?? 'The bearer token could not be validated. Sign in again.',
      });
      return;
    }
    res.locals.caller = verdict.caller;
    next();
  };
}

export function callerOf(res: Response): VerifiedCaller {
  return res.locals.caller as VerifiedCaller;
}
