import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Gives the focus to one of a list's controls after the next render, when the control that had it goes
 * away (a panel closes, a button removes itself) and the one to focus may only exist once React has drawn
 * the change. `register(key)` is the ref callback for each candidate; `focusAfterRender(key)` asks for it;
 * `fallback` is focused when that control is not there.
 */
export function useFocusAfterRender<K>(fallback?: () => HTMLElement | null) {
  const elements = useRef(new Map<K, HTMLElement>());
  const [wanted, setWanted] = useState<{ key: K } | null>(null);
  useEffect(() => {
    if (wanted === null) return;
    (elements.current.get(wanted.key) ?? fallback?.())?.focus();
    setWanted(null);
  }, [wanted]);
  const register = useCallback(
    (key: K) => (element: HTMLElement | null) => {
      if (element) elements.current.set(key, element);
      else elements.current.delete(key);
    },
    [],
  );
  const focusAfterRender = useCallback((key: K) => setWanted({ key }), []);
  return { register, focusAfterRender };
}
