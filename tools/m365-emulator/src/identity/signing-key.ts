import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { readFileIfExists, writeFileAtomic } from '../store/atomic-file.js';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JWK;
}

/** The issuer's RS256 key, persisted so tokens and cached JWKS survive a restart. */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const path = join(dataDir, 'identity', 'signing-key.pem');
  let pem = await readFileIfExists(path);
  if (!pem) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await writeFileAtomic(path, pem);
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const exported = publicKey.export({ format: 'jwk' });
  const base: JWK = { kty: 'RSA', n: exported.n, e: exported.e };
  const kid = await calculateJwkThumbprint(base);
  return { kid, privateKey, publicKey, publicJwk: { ...base, kid, use: 'sig', alg: 'RS256' } };
}
