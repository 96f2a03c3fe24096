import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { SigningKey } from './signing-key.js';

export interface Issuer {
  /** `https://127.0.0.1:<port>/{tenantId}/v2.0`, like Entra's v2.0 issuer. */
  issuer: string;
  tenantId: string;
  key: SigningKey;
}

export async function signToken(issuer: Issuer, claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims, tid: issuer.tenantId, uti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: issuer.key.kid })
    .setIssuer(issuer.issuer)
    .setIssuedAt(now)
    .setNotBefore(Math.min(now, now + lifetimeSeconds))
    .setExpirationTime(now + lifetimeSeconds)
    .sign(issuer.key.privateKey);
}

export type VerifyResult = { ok: true; claims: JWTPayload } | { ok: false; reason: string };

export async function verifyToken(issuer: Issuer, token: string, audience: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, issuer.key.publicKey, { issuer: issuer.issuer, audience, algorithms: ['RS256'] });
    return { ok: true, claims: payload };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: 'Lifetime validation failed, the token is expired.' };
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return { ok: false, reason: 'Invalid audience or issuer.' };
    return { ok: false, reason: 'Access token validation failure. Invalid signature or malformed token.' };
  }
}
