import type { Activity } from '@microsoft/teams.api';
import type { Caller } from '../../shared/access/app-roles.js';
import type { ConversationRef } from '../ports.js';

/**
 * Who is acting: the Entra object id Teams puts on the activity (validated by the Teams SDK against
 * the Bot Framework's signature in production). Never anything from card data. Bot callers carry no
 * app roles: what they may do follows from the arrangements they are a party to.
 */
export function callerOf(activity: Pick<Activity, 'from'>): Caller | undefined {
  const id = activity.from.aadObjectId;
  return id && /^[0-9a-f-]{36}$/i.test(id) ? { id: id.toLowerCase(), roles: [] } : undefined;
}

/** Agendas, sessions and records are private to their parties: shown only in a person's own chat with the bot. */
export function inPersonalChat(activity: Pick<Activity, 'conversation'>): boolean {
  const type = activity.conversation.conversationType;
  return type === undefined || type === 'personal';
}

export const PERSONAL_CHAT_ONLY = 'For privacy I only do that in your personal chat with me. Open a chat with Safeguarding Supervision and try again there.';

/** The personal conversation to save for proactive cards (group chats and channels are never saved). */
export function personalConversationOf(activity: Pick<Activity, 'from' | 'conversation' | 'serviceUrl' | 'channelData'>): ConversationRef | undefined {
  const caller = callerOf(activity);
  if (!caller || !activity.serviceUrl || !inPersonalChat(activity)) return undefined;
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  return { userId: caller.id, conversationId: activity.conversation.id, serviceUrl: activity.serviceUrl, ...(tenantId ? { tenantId } : {}) };
}
