// Nested App Authentication: inside Teams / Outlook / the Microsoft 365 app, MSAL asks the host to
// broker a token for our API scope. Silent first; if that fails, an interactive popup (the host
// shows it). The Entra app registration needs an SPA redirect URI `brk-multihub://<tab domain>`.
// Tokens stay in MSAL's in-memory cache: nothing is written to localStorage or sessionStorage.

import type { IPublicClientApplication } from '@azure/msal-browser';
import type { TabConfig } from '../api/schemas.js';
import { authorityUrl } from './authority.js';
import { classifyMsalError, detailOf, SignInError } from './sign-in-error.js';

let clientPromise: Promise<IPublicClientApplication> | undefined;

async function createNestedClient(config: TabConfig): Promise<IPublicClientApplication> {
  const msal = await import('@azure/msal-browser');
  let nested = false;
  const client = await msal.createNestablePublicClientApplication(
    {
      auth: { clientId: config.clientId, authority: authorityUrl(config.authorityHost, config.tenantId) },
      cache: { cacheLocation: msal.BrowserCacheLocation.MemoryStorage },
    },
    undefined,
    // MSAL calls this factory only when the host's NAA bridge is present; otherwise it silently
    // returns a standard (non-nested) client, whose popups and iframes do not work inside a host.
    (configuration, controller) => {
      nested = true;
      return new msal.PublicClientApplication(configuration, controller);
    },
  );
  if (!nested) throw new SignInError('unavailable', 'The host did not provide a Nested App Authentication bridge.');
  return client;
}

export async function acquireTokenWithNaa(config: TabConfig): Promise<string> {
  clientPromise ??= createNestedClient(config);
  let client: IPublicClientApplication;
  try {
    client = await clientPromise;
  } catch (error) {
    clientPromise = undefined;
    throw error instanceof SignInError ? error : new SignInError('unavailable', detailOf(error));
  }

  const request = { scopes: [config.apiScope] };
  try {
    return (await client.acquireTokenSilent(request)).accessToken;
  } catch (silentError) {
    // Usually InteractionRequiredAuthError (first use, consent, Conditional Access); Microsoft's
    // guidance for NAA is to try the interactive popup after any silent failure.
    console.info('NAA silent sign-in did not succeed; trying the popup.', detailOf(silentError));
  }
  try {
    return (await client.acquireTokenPopup(request)).accessToken;
  } catch (popupError) {
    throw new SignInError(classifyMsalError(popupError), detailOf(popupError));
  }
}
