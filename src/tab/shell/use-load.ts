import { useCallback, useEffect, useRef, useState } from 'react';
import { userMessageFor } from '../user-message.js';
import { useShell } from './contexts.js';

export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'error'; readonly message: string } | { readonly state: 'ready'; readonly value: T };

/**
 * Loads a screen's data when it opens (and again on `reload`), cancelling a request the screen no
 * longer needs. A failure goes to the alert region and the screen shows "Try again".
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, fallback: string) {
  const { notices } = useShell();
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ state: 'loading' });
    loadRef.current(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setLoaded({ state: 'ready', value });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = userMessageFor(error, fallback);
        notices.showError(message);
        setLoaded({ state: 'error', message });
      },
    );
    return () => controller.abort();
    // `fallback` and `notices` are stable for a screen; a reload is asked for with `attempt`.
  }, [attempt]);

  const reload = useCallback(() => {
    notices.showError(null);
    setAttempt((n) => n + 1);
  }, [notices]);
  /** Replaces the loaded value (after a save the server returns the new one). */
  const set = useCallback((value: T) => setLoaded({ state: 'ready', value }), []);
  return { loaded, reload, set };
}
