import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startEmulator } from './index.js';
import { LOCAL_CLIENT_ID } from './config.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, 'data-dir': { type: 'string', default: '.data/m365-emulator' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be an integer between 0 and 65535 (got ${values.port}).`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir']);
const emulator = await startEmulator({ port, dataDir });
console.log(`M365 emulator listening on ${emulator.url}`);
console.log(`  tenant ${emulator.tenantId}, client id ${LOCAL_CLIENT_ID}, data in ${dataDir}`);
console.log(`  CA certificate: ${dataDir}/tls/cert.pem`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the emulator`);
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('The emulator did not stop cleanly:', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
