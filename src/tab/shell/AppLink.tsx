import { Link } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useShell } from './contexts.js';

/** A link to another screen: a real address (open in a new tab works), followed in place on a plain click. */
export function AppLink({ to, children, className }: { readonly to: string; readonly children: ReactNode; readonly className?: string }) {
  const { router } = useShell();
  return (
    <Link
      href={to}
      className={className}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        router.navigate(to);
      }}
    >
      {children}
    </Link>
  );
}
