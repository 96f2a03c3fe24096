import { InvalidInputError } from './invalid-input.js';

/** For tests: the InvalidInputError `run` throws (any other error is rethrown; none at all is an error). */
export function refusalOf(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error('expected an InvalidInputError, nothing was thrown');
}
