import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { botReplies, sendAsUser, waitForCard } from '../../support/playground.js';
import { cardProblems } from '../../support/card-problems.js';

let stack: RunningStack;

beforeAll(async () => {
  stack = await startStack({ playground: true });
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

describe('bot through the Microsoft 365 Agents Playground', () => {
  it('answers "help" with a valid Adaptive Card 1.5 listing what it can do', async () => {
    const logFile = stack.playgroundLogFile as string;
    const before = (await botReplies(logFile)).length;
    await sendAsUser(stack.playgroundUrl as string, 'help');
    const card = await waitForCard(logFile, before);
    expect(card.content.type).toBe('AdaptiveCard');
    expect(card.content.version).toBe('1.5');
    const text = JSON.stringify(card.content);
    expect(text).toContain('I help your safeguarding team');
    expect(text).not.toContain("didn't understand");
    expect(cardProblems(card.content)).toEqual([]);
  });

  it('answers text it does not understand with the help card, saying so', async () => {
    const logFile = stack.playgroundLogFile as string;
    const before = (await botReplies(logFile)).length;
    await sendAsUser(stack.playgroundUrl as string, 'what is the weather');
    const card = await waitForCard(logFile, before);
    const text = JSON.stringify(card.content);
    expect(text).toContain("didn't understand");
    expect(text).not.toContain('I help your safeguarding team');
  });
});
