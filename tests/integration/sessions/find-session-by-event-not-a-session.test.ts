// The Outlook add-in's "which session is this meeting?" (findSessionByEvent): when the caller's own copy
// of the meeting IS read and it is not a supervision meeting (its iCalUId is no session's), the start
// and organiser Outlook gives must not turn it into one. Those are only for when the caller's copy
// cannot be read. Fictional demo people only (the local Microsoft 365 emulator's demo school).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/sessions/session.js';
import { graphReader, mailOf } from '../../support/graph-reader.js';
import { startStack, type RunningStack } from '../../support/start-stack.js';
import { bookOnNextSchoolDay, GRACE, LIAM } from '../bot/bot-test-kit.js';

let stack: RunningStack;
let session: Session;

beforeAll(async () => {
  stack = await startStack();
  session = await bookOnNextSchoolDay(stack.app, GRACE, LIAM);
}, 90_000);

afterAll(async () => {
  await stack?.app.idle();
  await stack?.stop();
});

describe('findSessionByEvent on a meeting read from the caller’s calendar that is not a session', () => {
  it('another meeting at the same time from the same organiser is not the session', async () => {
    const organizer = session.organiserMailbox.includes('@') ? session.organiserMailbox : mailOf(session.organiserMailbox);
    // A different meeting in Liam's calendar at the session's time (a clash, a prep meeting, anything).
    const other = await graphReader(stack.emulator).addBusy(LIAM, session.start, session.end, 'Safeguarding supervision');
    const found = await stack.app.useCases.findSessionByEvent({ caller: { id: LIAM, roles: [] }, eventId: other.id, start: session.start, organizer });
    expect(found.ok ? `found ${found.value.session.id}` : found.refusal.code).toBe('not_a_supervision_session');
  });

  it('his own copy of the session’s meeting is still found, with or without start and organiser', async () => {
    const copy = (await graphReader(stack.emulator).emulatorEvents(LIAM)).find((e) => e.iCalUId === session.iCalUId && !e.isCancelled);
    if (!copy) throw new Error('Liam has no copy of the meeting');
    const organizer = session.organiserMailbox.includes('@') ? session.organiserMailbox : mailOf(session.organiserMailbox);
    for (const input of [{}, { start: session.start, organizer }]) {
      const found = await stack.app.useCases.findSessionByEvent({ caller: { id: LIAM, roles: [] }, eventId: copy.id, ...input });
      expect(found.ok && found.value.session.id).toBe(session.id);
    }
  });
});
