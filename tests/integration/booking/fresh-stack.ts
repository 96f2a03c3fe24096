import { afterAll, beforeAll } from 'vitest';
import { graphReader, type GraphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';

/** A stack of its own for one describe, with a Graph reader; its faults are cleared and it is stopped afterwards. */
export function freshStack(): { readonly stack: RunningStack; readonly reader: GraphReader } {
  let stack: RunningStack | undefined;
  let reader: GraphReader | undefined;
  beforeAll(async () => {
    stack = await startStack();
    reader = graphReader(stack.emulator);
  }, 60_000);
  afterAll(async () => {
    await reader?.clearFaults().catch(() => undefined);
    await stack?.app.idle();
    await stack?.stop();
  });
  return {
    get stack() {
      return stack as RunningStack;
    },
    get reader() {
      return reader as GraphReader;
    },
  };
}
