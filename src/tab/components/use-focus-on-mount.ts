import { useEffect, useRef } from 'react';

/**
 * Moves focus to the returned element when it mounts, if `enabled`. Used for a view's heading after
 * the user acts (signing in, switching user), so keyboard and screen-reader users land on the new view.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
