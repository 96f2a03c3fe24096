// Bad input never crashes the bot: chat messages of every kind (commands with odd arguments, any Unicode,
// markup) always get an answer, and card actions with generated verbs and data — real ids or forged ones,
// values of the right type or not — always get a card or a plain card error, never a failure.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_ACTION_VERBS } from '../../../src/shared/cards/card-actions.js';
import { POSTPONEMENT_REASONS } from '../../../src/shared/sessions/session.js';
import type { Session } from '../../../src/shared/sessions/session.js';
import type { BotChat } from '../../support/bot-activities.js';
import { expectPlainCardError } from '../../support/card-errors.js';
import { cardOf, cardText, type FakeConnector } from '../../support/fake-connector.js';
import { anyJson, schoolYearInstant } from '../../support/json-schema-arbitrary.js';
import type { RunningStack } from '../../support/start-stack.js';
import { GRACE, LIAM, SOPHIE, startChatStack, type ChatStack } from './bot-test-kit.js';

// FUZZ_RUNS=500 for a longer search when changing the bot.
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

let stack: RunningStack;
let connector: FakeConnector;
let chat: BotChat;
let session: Session;

let running: ChatStack | undefined;
beforeAll(async () => {
  running = await startChatStack();
  ({ stack, connector, chat, session } = running);
}, 60_000);

afterAll(async () => {
  await running?.stop();
});

// Grace and Liam are the session's parties; Sophie is not.
const person = fc.constantFrom(GRACE, LIAM, SOPHIE);
const odd = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '0', '-1', '1.5', '999999999999999999999', 'NaN', '<b>bold</b>', '&amp;', "O'Brien", '\u0000', '\u202e'),
);

describe('chat messages', () => {
  it('every message gets an answer in the sender’s chat, never “something went wrong”', async () => {
    const command = fc.constantFrom('add', 'ADD', 'agenda', 'Agenda please', 'next', 'remove', 'remove item', 'reschedule', "I can't make it", 'help', '');
    const text = fc.oneof(
      fc.tuple(command, odd).map(([c, rest]) => `${c} ${rest}`),
      odd,
      fc.string({ minLength: 1000, maxLength: 1200 }),
      odd.map((s) => `<at>Safeguarding Supervision</at> ${s}`),
    );
    await fc.assert(
      fc.asyncProperty(person, text, async (who, said) => {
        const conversation = chat.conversationOf(who);
        const mark = connector.received.length;
        expect(await chat.say(who, said)).toBe(200);
        await connector.waitFor((all) => all.slice(mark).some((r) => r.conversationId === conversation && r.method === 'POST'), `the answer to ${JSON.stringify(said)}`);
        const answers = connector.since(mark, conversation).filter((r) => r.method === 'POST');
        const shown = answers.map((a) => cardText(cardOf(a)) || JSON.stringify(a.body)).join('\n');
        expect(shown, JSON.stringify(said)).not.toMatch(/Something went wrong/);
        // Agenda card updates for the other party finish before the next message is sent.
        await stack.app.idle();
      }),
      { numRuns: RUNS },
    );
  });
});

describe('card actions', () => {
  it('every invoke gets a card or a plain card error, never an internal error', async () => {
    const realOrForged = (real: string) =>
      fc.oneof({ weight: 6, arbitrary: fc.constant(real) }, { weight: 1, arbitrary: odd }, { weight: 1, arbitrary: fc.constant('x'.repeat(201)) });
    const value = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 10, arbitrary: a }, { weight: 1, arbitrary: anyJson });
    const data = fc.record(
      {
        action: fc.oneof({ weight: 5, arbitrary: fc.constantFrom<string>(...CARD_ACTION_VERBS) }, { weight: 1, arbitrary: odd }),
        sessionId: value(realOrForged(session.id)),
        arrangementId: value(realOrForged(session.arrangementId)),
        recordId: value(realOrForged(`${session.id}.individual`)),
        decisionId: value(odd),
        itemId: value(odd),
        itemText: value(fc.oneof(odd, fc.constant('t'.repeat(501)))),
        editText: value(odd),
        sectionId: value(fc.oneof(fc.constantFrom('', 'wellbeing', 'cases'), odd)),
        reason: value(fc.oneof(fc.constantFrom('', ...POSTPONEMENT_REASONS), odd)),
        note: value(odd),
        start: value(fc.oneof(schoolYearInstant, odd)),
        version: value(fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constantFrom('1', '1.5', 'x'))),
        sha256: value(fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), odd)),
        comment: value(odd),
        reference: value(odd),
      },
      { requiredKeys: ['action'] },
    );
    const invoke = fc.oneof(
      { weight: 6, arbitrary: data.map((d) => ({ verb: d.action as unknown, data: d as unknown })) },
      // The verb and the data disagree, or the data is not an object at all.
      { weight: 1, arbitrary: fc.record({ verb: fc.oneof(fc.constantFrom<unknown>(...CARD_ACTION_VERBS), anyJson), data: fc.oneof(data, anyJson) }) },
    );
    await fc.assert(
      fc.asyncProperty(person, invoke, async (who, { verb, data: sent }) => {
        const reply = await chat.invoke(who, verb, sent);
        const name = `${who}: ${JSON.stringify({ verb, data: sent }).slice(0, 400)} → ${reply.raw.slice(0, 300)}`;
        expect(reply.httpStatus, name).toBe(200);
        if (reply.body?.type === 'application/vnd.microsoft.card.adaptive') {
          expect(reply.body.statusCode, name).toBe(200);
          expect(reply.body.value.type, name).toBe('AdaptiveCard');
        } else {
          expectPlainCardError(reply, name);
          expect(reply.body.value.code, name).not.toBe('InternalError');
        }
        await stack.app.idle();
      }),
      { numRuns: RUNS * 3 },
    );
  });
});

describe('bodies that are not activities', () => {
  it('an activity missing what every Bot Framework activity carries gets a 400 naming it, before any handler runs', async () => {
    const whole = { type: 'message', text: 'help', textFormat: 'plain' };
    for (const [missing, field] of [
      ['serviceUrl', 'serviceUrl'],
      ['from', 'from'],
      ['conversation', 'conversation'],
      ['type', 'type'],
    ] as const) {
      const res = await chat.post(LIAM, { ...whole, [missing]: undefined });
      expect(res.status, missing).toBe(400);
      expect(JSON.parse(res.text), missing).toMatchObject({ error: 'invalid_activity', field });
    }
    // The SDK routes a message extension's submit by a field of its value: an invoke needs one.
    const submit = await chat.post(LIAM, { type: 'invoke', name: 'composeExtension/submitAction', value: null });
    expect(submit.status).toBe(400);
    expect(JSON.parse(submit.text)).toMatchObject({ error: 'invalid_activity', field: 'value' });
  });

  it('an invoke of any kind the app handles, with any value, gets a 4xx or an answer, never a 500', async () => {
    const name = fc.constantFrom('adaptiveCard/action', 'composeExtension/fetchTask', 'composeExtension/submitAction', 'composeExtension/query', 'task/fetch', 'task/submit', 'x');
    const value = fc.oneof(
      anyJson,
      fc.record(
        { commandId: fc.oneof(fc.constantFrom('addToAgenda', 'addMessageToAgenda'), fc.string()), messagePayload: anyJson, data: anyJson, action: anyJson },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(name, value, async (invokeName, v) => {
        const res = await chat.post(LIAM, { type: 'invoke', name: invokeName, value: v });
        expect(res.status, `${invokeName} ${JSON.stringify(v)} → ${res.text}`).toBeLessThan(500);
        await stack.app.idle();
      }),
      { numRuns: RUNS },
    );
  });

  it('any JSON at all, or a real activity with one part replaced by any JSON, gets a 4xx or an answer, never a 500', async () => {
    const part = fc.constantFrom(
      'from',
      'conversation',
      'serviceUrl',
      'value',
      'text',
      'name',
      'action',
      'channelData',
      'recipient',
      'entities',
      'replyToId',
      'from.aadObjectId',
      'conversation.conversationType',
      'conversation.tenantId',
      'channelData.tenant',
    );
    // The activity's fields with one replaced: 'from.aadObjectId' replaces that field within the sender.
    const withPart = (key: string, v: unknown): Record<string, unknown> => {
      const [outer, inner] = key.split('.') as [string, string | undefined];
      if (!inner) return { [outer]: v };
      const base: Record<string, Record<string, unknown>> = {
        from: { id: `29:${LIAM}`, name: 'Liam', aadObjectId: LIAM },
        conversation: { id: chat.conversationOf(LIAM), conversationType: 'personal' },
        channelData: {},
      };
      return { [outer]: { ...base[outer], [inner]: v } };
    };
    const type = fc.constantFrom('message', 'invoke', 'installationUpdate', 'conversationUpdate', 'messageReaction', 'event', 'typing');
    await fc.assert(
      fc.asyncProperty(fc.option(fc.tuple(type, part, anyJson), { freq: 5 }), anyJson, async (replaced, junk) => {
        const res = replaced
          ? await chat.post(LIAM, { type: replaced[0], text: 'help', ...withPart(replaced[1], replaced[2]) })
          : await fetch(`${stack.serverUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(junk) }).then(async (r) => ({
              status: r.status,
              text: await r.text(),
            }));
        expect(res.status, `${JSON.stringify(replaced ?? junk)} → ${res.text}`).toBeLessThan(500);
        await stack.app.idle();
      }),
      { numRuns: RUNS },
    );
  });
});
