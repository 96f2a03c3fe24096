import type { Me } from '../api/schemas.js';

/** "Signed in as Daniel Okafor, Designated Safeguarding Lead". */
export function signedInAs(me: Pick<Me, 'displayName' | 'jobTitle'>): string {
  return me.jobTitle ? `Signed in as ${me.displayName}, ${me.jobTitle}` : `Signed in as ${me.displayName}`;
}
