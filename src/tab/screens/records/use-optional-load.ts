import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error.js';
import { useShell } from '../../shell/contexts.js';
import { userMessageFor } from '../../user-message.js';

export type OptionalLoaded<T> =
  | { readonly state: 'loading' }
  /** The server said 403: this part is not for this person, so it is not shown (not an error). */
  | { readonly state: 'hidden' }
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly value: T };

/**
 * Like useLoad, for a part of a screen that only some people may see: a 403 hides the part quietly;
 * any other failure goes to the alert region and the part offers "Try again".
 */
export function useOptionalLoad<T>(load: (signal: AbortSignal) => Promise<T>, fallback: string) {
  const { notices } = useShell();
  const [loaded, setLoaded] = useState<OptionalLoaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setLoaded({ state: 'ready', value });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 403) {
          setLoaded({ state: 'hidden' });
          return;
        }
        const message = userMessageFor(error, fallback);
        notices.showError(message);
        setLoaded({ state: 'error', message });
      },
    );
    return () => controller.abort();
    // `fallback` and `notices` are stable for a screen; a reload is asked for with `attempt`.
  }, [attempt]);

  /** Loads again, keeping what is shown until the answer comes (no flicker after a change). */
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { loaded, reload };
}
