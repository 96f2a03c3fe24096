import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROLES, APP_ROLE_DESCRIPTIONS } from '../../../src/shared/access/app-roles.js';
import { DEMO_APP_ROLES } from '../../../tools/m365-emulator/src/seed/demo-school.js';
import { REPO_ROOT } from '../../../scripts/local-stack.js';

interface AadAppRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: string[];
  isEnabled: boolean;
}

const aad = JSON.parse(readFileSync(join(REPO_ROOT, 'aad.manifest.json'), 'utf8')) as { appRoles?: AadAppRole[] };
const deployGuide = readFileSync(join(REPO_ROOT, 'docs/deploy.md'), 'utf8');

describe('Entra app roles', () => {
  it('the app registration declares exactly the roles the server reads, for users, with stable distinct ids', () => {
    const roles = aad.appRoles ?? [];
    expect(roles.map((r) => r.value).sort()).toEqual([...APP_ROLES].sort());
    expect(new Set(roles.map((r) => r.id)).size).toBe(roles.length);
    for (const r of roles) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r.allowedMemberTypes).toEqual(['User']);
      expect(r.isEnabled).toBe(true);
      const described = APP_ROLE_DESCRIPTIONS[r.value as (typeof APP_ROLES)[number]];
      expect({ displayName: r.displayName, description: r.description }).toEqual(described);
    }
  });

  it('the deploy guide says who gets each role and who assigns them', () => {
    for (const role of APP_ROLES) expect(deployGuide).toContain(`\`${role}\``);
    expect(deployGuide).toMatch(/Who assigns them/);
  });

  it('the demo school gives only roles the app knows', () => {
    for (const roles of Object.values(DEMO_APP_ROLES)) for (const r of roles) expect(APP_ROLES).toContain(r);
  });
});
