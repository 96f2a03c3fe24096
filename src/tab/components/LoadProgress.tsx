import { Button } from '@fluentui/react-components';
import { Loading } from './Loading.js';

/**
 * While a screen's data loads: the spinner with what it is loading; when it failed, "Try again" (the
 * message itself is in the shell's alert region). Nothing once it has loaded.
 */
export function LoadProgress({ state, label, onRetry }: { readonly state: string; readonly label: string; readonly onRetry: () => void }) {
  if (state === 'loading') return <Loading label={label} />;
  if (state === 'error')
    return (
      <div>
        <Button onClick={onRetry}>Try again</Button>
      </div>
    );
  return null;
}
