import type { App } from '@microsoft/teams.apps';
import { describe, expect, it } from 'vitest';
import { AdaptiveCard } from '@microsoft/teams.cards';
import { UnreachableError, type ConversationRef } from '../ports.js';
import { createTeamsMessenger } from './teams-messenger.js';

/** The part of the Teams SDK's App the messenger uses: api.clone for a service URL, then the conversation's activities. */
function fakeApp(fail?: { status: number }) {
  const clones: string[] = [];
  const calls: string[] = [];
  const app = {
    api: {
      clone: ({ serviceUrl }: { serviceUrl: string }) => {
        clones.push(serviceUrl);
        return {
          conversations: {
            activities: (conversationId: string) => ({
              create: async () => {
                if (fail) throw Object.assign(new Error('Bot Connector'), { response: { status: fail.status } });
                calls.push(`POST ${serviceUrl} ${conversationId}`);
                return { id: `a${calls.length}` };
              },
              update: async (activityId: string) => {
                if (fail) throw Object.assign(new Error('Bot Connector'), { response: { status: fail.status } });
                calls.push(`PUT ${serviceUrl} ${conversationId} ${activityId}`);
                return { id: activityId };
              },
            }),
          },
        };
      },
    },
  };
  return { app: app as unknown as App, clones, calls };
}

const card = new AdaptiveCard();
const to = (serviceUrl: string, conversationId: string): ConversationRef => ({ userId: 'u1', serviceUrl, conversationId });
const emea = to('https://smba.trafficmanager.net/emea/', 'c1');

describe('the Teams messenger', () => {
  it('posts and updates through one client per service URL, not a new one for every card', async () => {
    const { app, clones, calls } = fakeApp();
    const messenger = createTeamsMessenger(app);
    const id = await messenger.post(emea, card);
    await messenger.update({ ...emea, conversationId: 'c2' }, id, card);
    await messenger.post(to('https://smba.trafficmanager.net/amer', 'c3'), card);
    expect(calls).toEqual(['POST https://smba.trafficmanager.net/emea c1', 'PUT https://smba.trafficmanager.net/emea c2 a1', 'POST https://smba.trafficmanager.net/amer c3']);
    expect(clones).toEqual(['https://smba.trafficmanager.net/emea', 'https://smba.trafficmanager.net/amer']);
  });

  it('a 403 or 404 from the Bot Connector means the person cannot be reached there', async () => {
    for (const status of [403, 404]) {
      const messenger = createTeamsMessenger(fakeApp({ status }).app);
      await expect(messenger.post(emea, card)).rejects.toEqual(new UnreachableError(status));
      await expect(messenger.update(emea, 'a1', card)).rejects.toBeInstanceOf(UnreachableError);
    }
    await expect(createTeamsMessenger(fakeApp({ status: 500 }).app).post(emea, card)).rejects.not.toBeInstanceOf(UnreachableError);
  });
});
