// Teams single sign-on: the host issues a token for the app's own Entra registration
// (`webApplicationInfo` in the manifest). Used when the host does not offer Nested App Authentication.

import type { TeamsSdk } from './detect-host.js';
import { classifyTeamsSsoError, detailOf, SignInError } from './sign-in-error.js';

export async function acquireTokenWithTeamsSso(teams: TeamsSdk): Promise<string> {
  try {
    return await teams.authentication.getAuthToken();
  } catch (error) {
    throw new SignInError(classifyTeamsSsoError(error), detailOf(error));
  }
}
