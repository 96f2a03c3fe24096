// Where the bot can reach someone: their personal chat is kept until they remove the app from it. Removing
// the app from a group chat they share with it must not cost them their reminders and signing cards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotChat } from '../../support/bot-activities.js';
import type { RecordStorePort } from '../../../src/bot/graph/record-store.js';
import { auditEntriesOf } from '../../support/audit-log.js';
import type { RunningStack } from '../../support/start-stack.js';
import { ADMIN, LIAM, SOPHIE, startChatStack, type ChatStack } from './bot-test-kit.js';

let stack: RunningStack;
let chat: BotChat;
let running: ChatStack | undefined;
beforeAll(async () => {
  running = await startChatStack();
  ({ stack, chat } = running);
}, 60_000);
afterAll(async () => {
  await running?.stop();
});

const unreachable = async (): Promise<string[]> => {
  const listed = await stack.app.useCases.listUnreachablePeople({ caller: ADMIN });
  if (!listed.ok) throw new Error(listed.refusal.message);
  return listed.value.map((p) => p.id);
};
const uninstalls = async (userId: string) => (await auditEntriesOf(stack.app.store as RecordStorePort, userId)).filter((e) => e.action === 'bot.uninstall');
const groupChat = { id: '19:staffroom@thread.v2', conversationType: 'groupChat' };

describe('reaching people after the app is removed somewhere', () => {
  it('removing the app from a group chat keeps the personal chat: still reachable, nothing forgotten', async () => {
    expect(await unreachable()).not.toContain(LIAM);
    expect((await chat.post(LIAM, { type: 'installationUpdate', action: 'remove', conversation: groupChat })).status).toBe(200);
    await stack.app.idle();
    expect(await unreachable()).not.toContain(LIAM);
    expect(await uninstalls(LIAM)).toEqual([]);
  });

  it('removing the personal app forgets the personal chat (audited), until it is installed again', async () => {
    expect(await unreachable()).not.toContain(SOPHIE);
    expect((await chat.post(SOPHIE, { type: 'installationUpdate', action: 'remove' })).status).toBe(200);
    await stack.app.idle();
    expect(await unreachable()).toContain(SOPHIE);
    expect(await uninstalls(SOPHIE)).toHaveLength(1);
    expect(await chat.installFor(SOPHIE)).toBe(200);
    expect(await unreachable()).not.toContain(SOPHIE);
  });
});
