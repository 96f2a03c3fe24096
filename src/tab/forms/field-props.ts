import type { FieldProps } from '@fluentui/react-components';

/**
 * Props for a Fluent Field showing a problem: the message under the input, tied to it with
 * aria-describedby, and aria-invalid on the input (Field does both). Fluent makes the message an
 * alert of its own; when the screen already announces the problem in its alert region (a summary
 * at the top), `announced: false` keeps screen readers from hearing it twice.
 */
export function fieldProblem(message: string | null | undefined, options: { announced?: boolean } = {}): Pick<FieldProps, 'validationMessage' | 'validationState'> {
  if (!message) return { validationMessage: undefined, validationState: 'none' };
  return {
    validationState: 'error',
    validationMessage: options.announced === false ? { children: message, role: undefined } : message,
  };
}
