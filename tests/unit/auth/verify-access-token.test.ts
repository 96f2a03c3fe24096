import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier, type AccessTokenSettings } from '../../../src/bot/auth/verify-access-token.js';

// Entra v2.0 shapes, with a made-up tenant and client id.
const TENANT = '9b1c7a52-3f0e-4d2a-8c6b-1e5f4a3d2c10';
const CLIENT = '4f6e2d1c-0b9a-4887-a665-544332211000';
const SETTINGS: AccessTokenSettings = {
  issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
  audience: CLIENT,
  jwksUri: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
  clockToleranceSeconds: 60,
};
const KID = 'test-key-1';
const USER = { oid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', tid: TENANT, name: 'Alex Teacher', scp: 'access_as_user' };

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let signing: KeyPair;
let other: KeyPair;
let publicJwk: JWK;
let jwksRequests: string[];

/** JWKS served from memory: no network. Records which URL was asked for. */
const fetchJwks = async (url: string): Promise<unknown> => {
  jwksRequests.push(url);
  return { keys: [publicJwk] };
};

const now = (): number => Math.floor(Date.now() / 1000);

async function mint(
  claims: JWTPayload = USER,
  options: { key?: KeyPair; kid?: string; issuer?: string; audience?: string; iat?: number; nbf?: number; exp?: number } = {},
): Promise<string> {
  const iat = options.iat ?? now() - 10;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? KID })
    .setIssuer(options.issuer ?? SETTINGS.issuer)
    .setAudience(options.audience ?? SETTINGS.audience)
    .setIssuedAt(iat)
    .setNotBefore(options.nbf ?? iat)
    .setExpirationTime(options.exp ?? now() + 3600);
  return jwt.sign((options.key ?? signing).privateKey);
}

const b64url = (value: string | Uint8Array): string => Buffer.from(value).toString('base64url');

function validClaims(): JWTPayload {
  return { ...USER, iss: SETTINGS.issuer, aud: SETTINGS.audience, iat: now() - 10, nbf: now() - 10, exp: now() + 3600 };
}

beforeAll(async () => {
  signing = await generateKeyPair('RS256', { extractable: true });
  other = await generateKeyPair('RS256', { extractable: true });
  publicJwk = { ...(await exportJWK(signing.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
});

function verifier(settings: AccessTokenSettings = SETTINGS) {
  jwksRequests = [];
  return createAccessTokenVerifier(settings, fetchJwks);
}

describe('createAccessTokenVerifier', () => {
  it('accepts a valid token and returns the caller from its claims', async () => {
    const verdict = await verifier()(`Bearer ${await mint()}`);
    expect(verdict).toEqual({ ok: true, caller: { oid: USER.oid, tid: TENANT, name: 'Alex Teacher', scopes: ['access_as_user'], roles: [] } });
    expect(jwksRequests).toEqual([SETTINGS.jwksUri]);
  });

  it('reads the app roles from the roles claim, ignoring any it does not know', async () => {
    const verdict = await verifier()(`Bearer ${await mint({ ...USER, roles: ['Safeguarding.Admin', 'Global.Administrator', 42, 'Safeguarding.Oversight'] })}`);
    expect(verdict).toMatchObject({ ok: true, caller: { roles: ['Safeguarding.Admin', 'Safeguarding.Oversight'] } });
    // A roles claim that is not a list gives no role.
    expect(await verifier()(`Bearer ${await mint({ ...USER, roles: 'Safeguarding.Admin' })}`)).toMatchObject({ ok: true, caller: { roles: [] } });
  });

  it('accepts the raw token without the Bearer prefix too', async () => {
    expect((await verifier()(await mint())).ok).toBe(true);
  });

  it('fetches the key set once for many tokens', async () => {
    const verify = verifier();
    for (let i = 0; i < 3; i++) expect((await verify(`Bearer ${await mint()}`)).ok).toBe(true);
    expect(jwksRequests).toHaveLength(1);
  });

  const rejected: [string, () => Promise<string | undefined>, RegExp][] = [
    ['no token', async () => undefined, /^missing_token$/],
    ['an empty header', async () => '', /^missing_token$/],
    ['not a JWT', async () => 'Bearer not-a-token', /^malformed_token$/],
    ['wrong audience', () => mint(USER, { audience: '00000003-0000-0000-c000-000000000000' }), /^wrong_audience$/],
    ['wrong issuer (another tenant)', () => mint(USER, { issuer: 'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/v2.0' }), /^wrong_issuer$/],
    ['wrong issuer (v1.0 sts)', () => mint(USER, { issuer: `https://sts.windows.net/${TENANT}/` }), /^wrong_issuer$/],
    ['expired (beyond the clock tolerance)', () => mint(USER, { iat: now() - 7200, nbf: now() - 7200, exp: now() - 120 }), /^token_expired$/],
    ['not yet valid (beyond the clock tolerance)', () => mint(USER, { nbf: now() + 600 }), /^token_not_yet_valid$/],
    ['signed by another key with the same kid', () => mint(USER, { key: other }), /^bad_signature$/],
    ['signed by a key that is not in the JWKS', () => mint(USER, { key: other, kid: 'unknown-kid' }), /^(unknown_signing_key|bad_signature)$/],
    [
      'a valid token whose payload was altered after signing',
      async () => {
        const [h, , s] = (await mint()).split('.');
        return `${h}.${b64url(JSON.stringify({ ...validClaims(), oid: 'ffffffff-ffff-4fff-8fff-ffffffffffff' }))}.${s}`;
      },
      /^bad_signature$/,
    ],
    [
      'alg: none (unsigned)',
      async () => `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(validClaims()))}.`,
      /^(algorithm_not_allowed|malformed_token)$/,
    ],
    [
      'alg: none with the kid of a real key',
      async () => `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: KID }))}.${b64url(JSON.stringify(validClaims()))}.`,
      /^(algorithm_not_allowed|malformed_token)$/,
    ],
    [
      'HS256 signed with the public key (algorithm confusion)',
      async () => {
        // The attacker knows the public key (it is published in the JWKS) and uses its bytes as an HMAC secret.
        const pem = Buffer.from(JSON.stringify(publicJwk));
        return new SignJWT(validClaims()).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: KID }).sign(new Uint8Array(pem));
      },
      /^algorithm_not_allowed$/,
    ],
    ['missing oid', () => mint({ tid: TENANT, scp: 'access_as_user' }), /^missing_identity_claims$/],
    ['missing tid', () => mint({ oid: USER.oid, scp: 'access_as_user' }), /^missing_identity_claims$/],
  ];

  it.each(rejected)('rejects %s, with a reason', async (_name, token, reason) => {
    const verdict = await verifier()(await token());
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.reason).toMatch(reason);
      // A reason is a short code: never the token or its claims.
      expect(verdict.reason).not.toContain(USER.oid);
      expect(verdict.reason.length).toBeLessThan(60);
    }
  });

  describe('with requiredScope (as the server should run it)', () => {
    const scoped = { ...SETTINGS, requiredScope: 'access_as_user' };

    it('accepts a user token carrying the scope', async () => {
      expect((await verifier(scoped)(`Bearer ${await mint()}`)).ok).toBe(true);
    });

    it('rejects an app-only token for the same audience (another app in the tenant using client credentials)', async () => {
      // App-only tokens have an oid (the calling service principal) and tid but no scp.
      const appOnly = await mint({ oid: '7d7d7d7d-1111-4222-8333-444455556666', tid: TENANT, idtyp: 'app', roles: [] });
      const verdict = await verifier(scoped)(`Bearer ${appOnly}`);
      expect(verdict).toEqual({ ok: false, reason: 'missing_scope' });
    });

    it('rejects a user token for another scope', async () => {
      const verdict = await verifier(scoped)(`Bearer ${await mint({ ...USER, scp: 'User.Read' })}`);
      expect(verdict).toEqual({ ok: false, reason: 'missing_scope' });
    });
  });

  it('tolerates small clock skew within clockToleranceSeconds', async () => {
    const token = await mint(USER, { iat: now() - 3600, nbf: now() - 3600, exp: now() - 30 });
    expect((await verifier()(`Bearer ${token}`)).ok).toBe(true);
  });

  it('rejects when the key set cannot be fetched, without throwing, and backs off', async () => {
    let attempts = 0;
    const verify = createAccessTokenVerifier(SETTINGS, async () => {
      attempts++;
      throw new Error('network unreachable');
    });
    const token = await mint();
    expect(await verify(`Bearer ${token}`)).toEqual({ ok: false, reason: 'signing_keys_unavailable' });
    expect(await verify(`Bearer ${token}`)).toEqual({ ok: false, reason: 'signing_keys_unavailable' });
    // The second request is answered from the recent failure, not by another fetch.
    expect(attempts).toBe(1);
  });

  it('rejects when the key set is not a JWKS', async () => {
    const verify = createAccessTokenVerifier(SETTINGS, async () => ({ nothing: true }));
    expect((await verify(`Bearer ${await mint()}`)).ok).toBe(false);
  });
});
