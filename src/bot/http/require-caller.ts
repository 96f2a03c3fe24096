import type { NextFunction, Request, Response } from 'express';
import type { TokenVerdict, VerifiedCaller } from '../auth/verify-access-token.js';
import { sendError } from './send-error.js';

export type VerifyBearer = (authorization: string | undefined) => Promise<TokenVerdict>;

// Staff read these in the tab: plain words; the technical reason stays in `error`.
const SIGN_IN_AGAIN = 'Your sign-in could not be checked. Close the app and open it again.';
const REASON_TEXT: Record<string, string> = {
  missing_token: 'You are not signed in. Close the app and open it again.',
  // The tab renews an expired sign-in by itself; this reaches people only when it could not, and they may have unsaved typing.
  token_expired: 'Your sign-in has expired. Copy anything you have typed, then close the app and open it again.',
  token_not_yet_valid: "Your sign-in could not be checked. Check your device's date and time, then open the app again.",
  wrong_audience: SIGN_IN_AGAIN,
  wrong_issuer: 'Your sign-in is from an organisation this app does not serve.',
  missing_scope: SIGN_IN_AGAIN,
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
        message: REASON_TEXT[verdict.reason] ?? SIGN_IN_AGAIN,
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
