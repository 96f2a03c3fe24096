import { Button } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { Loading } from './Loading.js';

/** The heading of the part of the screen this control is in: what its aria-labelledby names, else its first heading. */
function headingOf(from: HTMLElement): HTMLElement | null {
  const part = from.closest<HTMLElement>('section, [role="region"], [role="dialog"], main');
  if (!part) return null;
  const named = part
    .getAttribute('aria-labelledby')
    ?.split(/\s+/)
    .map((id) => document.getElementById(id))
    .find((el) => el !== null);
  return named ?? part.querySelector<HTMLElement>('h1, h2, h3, h4, h5, h6');
}

/**
 * While a screen's data loads: the spinner with what it is loading; when it failed, "Try again" (the
 * message itself is in the shell's alert region). Nothing once it has loaded.
 *
 * "Try again" keeps the focus: it stays (unavailable) beside the spinner while the data loads again, so
 * the focus is not lost to the page; if it fails again the focus is still on it, and once loaded the
 * focus goes to the heading of the part of the screen the data is in.
 */
export function LoadProgress({ state, label, onRetry }: { readonly state: string; readonly label: string; readonly onRetry: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  /** Where the focus goes once loaded: found when "Try again" is pressed, while the button is there. */
  const heading = useRef<HTMLElement | null>(null);
  /** Whether the reload asked for has started (the state may still say 'error' just after the press). */
  const started = useRef(false);
  const [retrying, setRetrying] = useState(false);

  useEffect(() => {
    if (!retrying) return;
    if (state === 'loading') {
      started.current = true;
      return;
    }
    if (!started.current) return;
    started.current = false;
    setRetrying(false);
    const focus = document.activeElement;
    // Only when the focus is still on "Try again" (or was lost with it): never taken from elsewhere.
    const kept = focus === null || focus === document.body || focus === button.current;
    if (!kept) return;
    if (state === 'error') {
      button.current?.focus();
      return;
    }
    const target = heading.current;
    if (target?.isConnected) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }, [state, retrying]);

  const retry = () => {
    heading.current = button.current ? headingOf(button.current) : null;
    started.current = false;
    setRetrying(true);
    onRetry();
  };

  if (state === 'loading' && !retrying) return <Loading label={label} />;
  if (state === 'loading' || state === 'error')
    return (
      <>
        {state === 'loading' ? <Loading label={label} /> : null}
        <div>
          <Button ref={button} onClick={state === 'error' ? retry : undefined} disabledFocusable={state === 'loading'}>
            Try again
          </Button>
        </div>
      </>
    );
  return null;
}
