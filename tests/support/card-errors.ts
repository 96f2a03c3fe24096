import { expect } from 'vitest';
import type { InvokeReply } from './bot-activities.js';

/**
 * Checks an invoke was answered with a card error Teams shows on the card: HTTP 200, an error body, and a
 * message in plain words (a sentence or two, no markup, no JSON, no stack). Returns the message.
 */
export function expectPlainCardError(reply: InvokeReply, name: string): string {
  expect(reply.httpStatus, `${name}: HTTP status`).toBe(200);
  expect(reply.raw, `${name}: a body`).not.toBe('');
  expect(reply.body, `${name}: ${reply.raw}`).toMatchObject({
    statusCode: 400,
    type: 'application/vnd.microsoft.error',
    value: { code: expect.any(String), message: expect.any(String) },
  });
  const message = (reply.body.value as { message: string }).message;
  expect(message.length, name).toBeGreaterThan(10);
  expect(message.length, name).toBeLessThan(300);
  expect(message, name).toMatch(/^[A-Z][^<>{}[\]\n]*[.!]$/);
  expect(message, name).not.toMatch(/Error|undefined|null|at [\w.]+ \(|zod|\bexpected\b/i);
  return message;
}
