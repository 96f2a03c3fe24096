import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../../scripts/local-stack.js';

/** Runs the real production entry point with the given environment. */
function runMain(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/bot/main.ts')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('NODE_ENV=production start-up guard', () => {
  it('exits non-zero naming every missing bot credential and token setting', () => {
    const result = runMain({ NODE_ENV: 'production' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('TENANT_ID');
    expect(result.stderr).toContain('CLIENT_ID');
    expect(result.stderr).toContain('CLIENT_SECRET');
    expect(result.stderr).toContain('AUTH_AUDIENCE');
    expect(result.stderr).toContain('SHAREPOINT_SITE_ID');
    expect(result.stderr).toContain('AUTH_APPLICATION_ID_URI');
  });

  it('names only what is missing', () => {
    const result = runMain({ NODE_ENV: 'production', TENANT_ID: 't', CLIENT_ID: 'c', AUTH_AUDIENCE: 'api://x' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('CLIENT_SECRET');
    expect(result.stderr).not.toMatch(/missing[^\n]*TENANT_ID/);
  });

  it('refuses to accept unauthenticated bot activities in production', () => {
    const result = runMain({
      NODE_ENV: 'production',
      TENANT_ID: 't',
      CLIENT_ID: 'c',
      CLIENT_SECRET: 's',
      AUTH_AUDIENCE: 'api://x',
      AUTH_APPLICATION_ID_URI: 'api://app.example/c',
      SHAREPOINT_SITE_ID: 'contoso.example,1,2',
      ALLOW_UNAUTHENTICATED_BOT: 'true',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ALLOW_UNAUTHENTICATED_BOT');
  });
});
