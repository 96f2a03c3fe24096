import { useCallback, useState } from 'react';
import { NO_ISSUES, placeIssues, withoutKey, type FieldIssue, type PlacedIssues } from '../../forms/field-issues.js';
import { fieldProblem } from '../../forms/field-props.js';

/**
 * Problems placed against a form's inputs, as Fluent Field props: the message under the input,
 * tied to it by aria-describedby, and aria-invalid on the input (Field does both).
 */
export function useFieldIssues(known: (key: string) => boolean) {
  const [placed, setPlaced] = useState<PlacedIssues>(NO_ISSUES);
  const show = useCallback(
    (issues: readonly FieldIssue[], prefix = '') => {
      const next = placeIssues(issues, known, prefix);
      setPlaced(next);
      return next;
    },
    [known],
  );
  const clear = useCallback((key?: string) => setPlaced((p) => (key === undefined ? NO_ISSUES : withoutKey(p, key))), []);
  /** Field props for an input; the screen announces problems in its alert region, so the field does not repeat it. */
  const field = (key: string) => fieldProblem(placed.byKey.get(key)?.join(' '), { announced: false });
  /** The message for a key, for parts of a form that are not Fluent Fields. */
  const message = (key: string) => placed.byKey.get(key)?.join(' ');
  return { placed, show, clear, field, message };
}
