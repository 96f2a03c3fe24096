// What a chat command costs in Graph round trips, counted at the emulator: a person's next sessions come
// from the read model (no list read), the app's Graph token is held between requests (no identity call),
// and adding an item by chat reads the agenda once, writes the item and its audit entry, and then finds
// no posted card to update (so does not read the agenda again). Showing the agenda again rewrites the card
// kept for the person with one conditional write, and a card kept meanwhile by another server is still
// replaced by the newest. Fictional demo people only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostedCardRepository } from '../../../src/bot/storage/posted-card-repository.js';
import { botChat, type BotChat } from '../../support/bot-activities.js';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.js';
import { graphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { bookNextSession } from '../../e2e/support/book-next-session.js';
import type { Caller } from '../../../src/shared/access/app-roles.js';
import { GRACE, LIAM } from './bot-test-kit.js';

const liam: Caller = { id: LIAM, roles: [] };

let stack: RunningStack;
let connector: FakeConnector;
let chat: BotChat;
let booked: { sessionId: string; start: string };

interface Counts {
  graph: number;
  identity: number;
}
async function counts(): Promise<Counts> {
  const stats = await graphReader(stack.emulator).counters();
  return { graph: stats.graphHttpRequests, identity: stats.identityHttpRequests };
}
async function costOf(work: () => Promise<unknown>): Promise<Counts> {
  const before = await counts();
  await work();
  const after = await counts();
  return { graph: after.graph - before.graph, identity: after.identity - before.identity };
}

beforeAll(async () => {
  stack = await startStack();
  connector = await startFakeConnector();
  chat = botChat({ serverUrl: stack.serverUrl, connectorUrl: connector.url });
  booked = await bookNextSession(stack.app, GRACE, LIAM);
  await stack.app.idle();
}, 120_000);
afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
  await connector?.close();
});

describe('chat commands and Graph round trips', () => {
  it('"next" answers from the read model: the booked session, with no Graph or identity request', async () => {
    let next: Awaited<ReturnType<typeof stack.app.useCases.nextSessions>> | undefined;
    const cost = await costOf(async () => (next = await stack.app.useCases.nextSessions({ caller: liam })));
    expect(next?.ok && next.value.map((s) => s.sessionId)).toEqual([booked.sessionId]);
    expect(cost).toEqual({ graph: 0, identity: 0 });
  });

  it('"add" by chat reads the agenda once, writes the item and its audit entry, and looks for posted cards: no card posted, no second read', async () => {
    let added: Awaited<ReturnType<typeof stack.app.useCases.addAgendaItem>> | undefined;
    const cost = await costOf(async () => {
      added = await stack.app.useCases.addAgendaItem({ caller: liam, text: 'Workload since the new term' });
      await stack.app.idle();
    });
    expect(added?.ok && added.value.kind === 'added' && added.value.view.sessionId).toBe(booked.sessionId);
    expect(cost).toEqual({ graph: 4, identity: 0 });
    // The item is in the list, not only in memory: the session's agenda read from SharePoint shows it.
    const agenda = await stack.app.useCases.getAgenda({ caller: liam, sessionId: booked.sessionId });
    expect(agenda.ok && agenda.value.sections.flatMap((s) => s.items.map((i) => i.text))).toContain('Workload since the new term');
  });

  it('a session booked after the read model was built is found by the next chat command', async () => {
    // Grace's own next session is the one booked above: the write through this server reached the read model.
    const next = await stack.app.useCases.nextSessions({ caller: { id: GRACE, roles: [] } });
    expect(next.ok && next.value.map((s) => s.sessionId)).toContain(booked.sessionId);
  });

  it('showing the agenda again reads the agenda and rewrites the kept card once; a later change updates that newest card', async () => {
    const conversationId = chat.conversationOf(LIAM);
    const postsIn = () => connector.since(0, conversationId).filter((a) => a.method === 'POST');
    expect(await chat.say(LIAM, 'agenda')).toBe(200);
    await stack.app.idle();
    const cost = await costOf(async () => {
      expect(await chat.say(LIAM, 'agenda')).toBe(200);
      await stack.app.idle();
    });
    expect(cost).toEqual({ graph: 2, identity: 0 });
    const newest = postsIn().at(-1)?.activityId;
    const kept = await createPostedCardRepository(graphReader(stack.emulator).store).listForSession(booked.sessionId);
    expect(kept.filter((c) => c.userId === LIAM && c.kind === 'agenda').map((c) => c.activityId)).toEqual([newest]);

    const seq = connector.received.length;
    expect(await chat.say(LIAM, 'add Training log review')).toBe(200);
    await stack.app.idle();
    const updates = connector.since(seq, conversationId).filter((a) => a.method === 'PUT');
    expect(updates.map((u) => u.activityId)).toEqual([newest]);
  });

  it('a card kept meanwhile by another server is replaced by the newest one shown here', async () => {
    const otherServer = createPostedCardRepository(graphReader(stack.emulator).store);
    const conversation = { userId: LIAM, conversationId: chat.conversationOf(LIAM), serviceUrl: connector.url };
    await otherServer.add({ sessionId: booked.sessionId, userId: LIAM, kind: 'agenda', conversation, activityId: 'posted-by-another-server', postedAt: '2026-12-03T09:00:00Z' });
    expect(await chat.say(LIAM, 'agenda')).toBe(200);
    await stack.app.idle();
    const newest = connector
      .since(0, chat.conversationOf(LIAM))
      .filter((a) => a.method === 'POST')
      .at(-1)?.activityId;
    const kept = await otherServer.listForSession(booked.sessionId);
    expect(kept.filter((c) => c.userId === LIAM && c.kind === 'agenda').map((c) => c.activityId)).toEqual([newest]);
  });
});
