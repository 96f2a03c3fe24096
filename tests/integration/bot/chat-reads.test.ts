// What a chat command costs in Graph round trips, counted at the emulator: a person's next sessions come
// from the read model (no list read), the app's Graph token is held between requests (no identity call),
// and adding an item by chat reads the agenda once, writes the item and its audit entry, and then finds
// no posted card to update (so does not read the agenda again). Fictional demo people only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphReader } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { bookNextSession } from '../../e2e/support/book-next-session.js';
import type { Caller } from '../../../src/shared/access/app-roles.js';
import { GRACE, LIAM } from './bot-test-kit.js';

const liam: Caller = { id: LIAM, roles: [] };

let stack: RunningStack;
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
  booked = await bookNextSession(stack.app, GRACE, LIAM);
  await stack.app.idle();
}, 120_000);
afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
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
});
