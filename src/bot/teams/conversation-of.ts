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

/** The personal conversation to save for proactive cards (group chats and channels are never saved). */
export function personalConversationOf(activity: Pick<Activity, 'from' | 'conversation' | 'serviceUrl' | 'channelData'>): ConversationRef | undefined {
  const caller = callerOf(activity);
  const type = activity.conversation.conversationType;
  if (!caller || !activity.serviceUrl || (type !== undefined && type !== 'personal')) return undefined;
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  return { userId: caller.id, conversationId: activity.conversation.id, serviceUrl: activity.serviceUrl, ...(tenantId ? { tenantId } : {}) };
}
