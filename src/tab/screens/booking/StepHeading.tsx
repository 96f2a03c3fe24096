import { useEffect, useRef, type ReactNode } from 'react';
import { useScreenStyles } from '../../shell/Screen.js';

/** A wizard step's heading; takes focus when the person moved to the step (not on first opening). */
export function StepHeading({ focus, id, children }: { readonly focus: boolean; readonly id?: string; readonly children: ReactNode }) {
  const styles = useScreenStyles();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h3 ref={ref} id={id} tabIndex={-1} className={styles.h3}>
      {children}
    </h3>
  );
}
