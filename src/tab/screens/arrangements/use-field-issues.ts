import { useCallback, useState } from 'react';
import { NO_ISSUES, placeIssues, withoutKey, type FieldIssue, type PlacedIssues } from '../../forms/field-issues.js';

/**
 * Problems placed against a form's inputs, as Fluent Field props: the message under the input,
 * tied to it by aria-describedby, and aria-invalid on the input (Field does both).
 */
export function useFieldIssues(known: (key: string) => boolean) {
  const [placed, setPlaced] = useState<PlacedIssues>(NO_ISSUES);
  const show = useCallback((issues: readonly FieldIssue[], prefix = '') => {
    const next = placeIssues(issues, known, prefix);
    setPlaced(next);
    return next;
  }, [known]);
  const clear = useCallback((key?: string) => setPlaced((p) => (key === undefined ? NO_ISSUES : withoutKey(p, key))), []);
  const field = (key: string) => {
    const messages = placed.byKey.get(key);
    return messages
      ? { validationMessage: messages.join(' '), validationState: 'error' as const }
      : { validationMessage: undefined, validationState: 'none' as const };
  };
  return { placed, show, clear, field };
}
