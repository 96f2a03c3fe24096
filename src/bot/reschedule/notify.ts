import type { AdaptiveCard } from '@microsoft/teams.cards';
import { UnreachableError, type AppPorts } from '../ports.js';

/** Posts a card to each person the bot can reach; returns who could not be reached. */
export async function notifyPeople(deps: Pick<AppPorts, 'conversations' | 'messenger'>, userIds: readonly string[], card: (userId: string) => AdaptiveCard): Promise<string[]> {
  const missed: string[] = [];
  for (const userId of new Set(userIds)) {
    const to = await deps.conversations.get(userId);
    if (!to) {
      missed.push(userId);
      continue;
    }
    try {
      await deps.messenger.post(to, card(userId));
    } catch (error) {
      missed.push(userId);
      if (error instanceof UnreachableError && error.status === 403) await deps.conversations.forget(userId);
    }
  }
  return missed;
}
