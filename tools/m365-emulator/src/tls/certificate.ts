import { join } from 'node:path';
import { generate } from 'selfsigned';
import { readFileIfExists, writeFileAtomic } from '../store/atomic-file.js';

export interface TlsMaterial {
  certPem: string;
  keyPem: string;
}

/** A self-signed certificate for 127.0.0.1, kept in the data dir so clients can pin it across restarts. */
export async function loadOrCreateCertificate(dataDir: string): Promise<TlsMaterial> {
  const certPath = join(dataDir, 'tls', 'cert.pem');
  const keyPath = join(dataDir, 'tls', 'key.pem');
  const [certPem, keyPem] = await Promise.all([readFileIfExists(certPath), readFileIfExists(keyPath)]);
  if (certPem && keyPem) return { certPem, keyPem };

  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 5 * 365 * 24 * 3600 * 1000);
  const generated = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  await writeFileAtomic(keyPath, generated.private);
  await writeFileAtomic(certPath, generated.cert);
  return { certPem: generated.cert, keyPem: generated.private };
}
