import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { isAppRole, type AppRole } from '../../shared/access/app-roles.js';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  jwksUri: string;
  clockToleranceSeconds?: number;
  /** When set, the token's `scp` must include this delegated scope. */
  requiredScope?: string;
}

export interface VerifiedCaller {
  oid: string;
  tid: string;
  name?: string;
  scopes: string[];
  /** Entra app roles assigned to the user (the `roles` claim); unknown values are ignored. */
  roles: AppRole[];
}

export type TokenVerdict = { ok: true; caller: VerifiedCaller } | { ok: false; reason: string };

type FetchJwks = (url: string) => Promise<unknown>;

const JWKS_REFRESH_MIN_MS = 60_000;
// After a failed JWKS fetch, answer from the failure for a few seconds instead of piling up requests.
const JWKS_FAILURE_BACKOFF_MS = 5_000;

class SigningKeysUnavailable extends Error {}

async function defaultFetchJwks(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`JWKS request failed with HTTP ${res.status}`);
  return res.json();
}

function isJwks(value: unknown): value is JSONWebKeySet {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}

/**
 * Validates Entra (or emulator) v2.0 access tokens: signature against the issuer's JWKS (RS256 only,
 * so `alg: none` and HS256-with-public-key are refused), issuer, audience, expiry and not-before.
 * The same code runs for the local emulator's tokens and for Microsoft Entra's.
 */
export function createAccessTokenVerifier(settings: AccessTokenSettings, fetchJwks: FetchJwks = defaultFetchJwks): (bearer: string | undefined) => Promise<TokenVerdict> {
  let keySet: JWTVerifyGetKey | undefined;
  let fetchedAt = 0;
  let failedAt = 0;
  let loading: Promise<JWTVerifyGetKey> | undefined;

  const loadKeys = async (): Promise<JWTVerifyGetKey> => {
    if (Date.now() - failedAt < JWKS_FAILURE_BACKOFF_MS) throw new SigningKeysUnavailable();
    loading ??= (async () => {
      try {
        const jwks = await fetchJwks(settings.jwksUri);
        if (!isJwks(jwks)) throw new Error('JWKS response has no keys array');
        keySet = createLocalJWKSet(jwks);
        fetchedAt = Date.now();
        return keySet;
      } catch {
        failedAt = Date.now();
        throw new SigningKeysUnavailable();
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };

  // Keys rotate: on an unknown kid, refetch the JWKS (at most once a minute).
  const getKey: JWTVerifyGetKey = async (header, token) => {
    const keys = keySet ?? (await loadKeys());
    try {
      return await keys(header, token);
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey && Date.now() - fetchedAt > JWKS_REFRESH_MIN_MS) {
        return (await loadKeys())(header, token);
      }
      throw err;
    }
  };

  return async (bearer) => {
    if (!bearer) return { ok: false, reason: 'missing_token' };
    const token = bearer.replace(/^Bearer\s+/i, '').trim();
    if (token.split('.').length !== 3) return { ok: false, reason: 'malformed_token' };
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: ['RS256'],
        clockTolerance: settings.clockToleranceSeconds ?? 60,
        requiredClaims: ['exp', 'iat'],
      });
      const oid = typeof payload.oid === 'string' ? payload.oid : undefined;
      const tid = typeof payload.tid === 'string' ? payload.tid : undefined;
      if (!oid || !tid) return { ok: false, reason: 'missing_identity_claims' };
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
      if (settings.requiredScope && !scopes.includes(settings.requiredScope)) {
        return { ok: false, reason: 'missing_scope' };
      }
      const name = typeof payload.name === 'string' ? payload.name : undefined;
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is AppRole => typeof r === 'string' && isAppRole(r)) : [];
      return { ok: true, caller: { oid, tid, scopes, roles, ...(name ? { name } : {}) } };
    } catch (err) {
      return { ok: false, reason: reasonFor(err) };
    }
  };
}

function reasonFor(err: unknown): string {
  if (err instanceof SigningKeysUnavailable) return 'signing_keys_unavailable';
  if (err instanceof errors.JWTExpired) return 'token_expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return 'wrong_audience';
    if (err.claim === 'iss') return 'wrong_issuer';
    if (err.claim === 'nbf') return 'token_not_yet_valid';
    return `invalid_claim_${err.claim}`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return 'algorithm_not_allowed';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (err instanceof errors.JWKSNoMatchingKey) return 'unknown_signing_key';
  if (err instanceof errors.JWTInvalid || err instanceof errors.JWSInvalid) return 'malformed_token';
  return 'token_validation_failed';
}
