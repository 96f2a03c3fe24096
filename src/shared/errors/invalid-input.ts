/**
 * Bad input to a pure rule: a date that does not exist, a zero duration, hours that end before they
 * start. `field` names what to fix (as the caller called it) and `message` says how, in plain words,
 * so a use case can answer 400 with both. A RangeError, so existing `instanceof RangeError` checks hold.
 */
export class InvalidInputError extends RangeError {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
