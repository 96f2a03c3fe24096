import { ConfigError } from './config.js';
import { startFromEnv } from './compose.js';

/** Production entry point: compiled by `npm run build:server`, started by `npm run serve` (App Service). */
try {
  const app = await startFromEnv(process.env);
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`The server cannot start.\n${err.message}\nSee README.md, "Configuration".`);
  } else {
    console.error('The server could not start:', err instanceof Error ? err.message : String(err));
  }
  process.exit(1);
}
