// What the signed-in shell gives every screen: the API as the signed-in person, the announcements
// (errors in the alert region, confirmations in the status region), and navigation.

import { createContext, useContext } from 'react';
import type { Api } from '../api/authorised.js';
import type { Router } from '../router/use-router.js';

export interface Notices {
  /** Plain words in the alert region (announced at once); null clears it. */
  showError(message: string | null): void;
  /** A confirmation in the status region (announced politely); null clears it. */
  showStatus(message: string | null): void;
}

export interface ShellContextValue {
  readonly api: Api;
  readonly notices: Notices;
  readonly router: Router;
  readonly roles: readonly string[];
  readonly me: { readonly id: string; readonly displayName: string };
}

export const ShellContext = createContext<ShellContextValue | null>(null);

export function useShell(): ShellContextValue {
  const value = useContext(ShellContext);
  if (!value) throw new Error('useShell is only for screens inside the signed-in shell');
  return value;
}
