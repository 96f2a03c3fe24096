import { readFile } from 'node:fs/promises';

export interface PlaygroundCard {
  contentType: string;
  content: { type?: string; version?: string; body?: unknown[] } & Record<string, unknown>;
}

interface LoggedBotReply {
  conversationId?: string;
  from?: string;
  request?: { body?: { type?: string; text?: string; attachments?: PlaygroundCard[] } };
}

/** The chat ids the Playground was configured with (GET /_internal/v1/config). */
export async function playgroundChats(playgroundUrl: string): Promise<{ personalChatId: string; currentUserId: string }> {
  const res = await fetch(`${playgroundUrl}/_internal/v1/config`);
  const body = (await res.json()) as { config: { personalChat: { id: string }; currentUser: { id: string } } };
  return { personalChatId: body.config.personalChat.id, currentUserId: body.config.currentUser.id };
}

/** Sends a chat message as the Playground's current user, as if typed into the compose box. */
export async function sendAsUser(playgroundUrl: string, text: string): Promise<void> {
  const { personalChatId, currentUserId } = await playgroundChats(playgroundUrl);
  const res = await fetch(`${playgroundUrl}/_conversation/v1/conversations/${encodeURIComponent(personalChatId)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, textFormat: 'plain', from: { id: currentUserId } }),
  });
  if (!res.ok) throw new Error(`Playground refused the message: HTTP ${res.status} ${await res.text()}`);
}

/** Activities the bot sent to the Playground, read from its log file (one JSON payload per line). */
export async function botReplies(logFile: string): Promise<LoggedBotReply[]> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  const replies: LoggedBotReply[] = [];
  for (const line of text.split('\n')) {
    const start = line.indexOf('{');
    if (start < 0) continue;
    try {
      const entry = JSON.parse(line.slice(start)) as { log?: LoggedBotReply };
      if (entry.log?.from && entry.log.from !== 'Microsoft 365 Agents Playground' && entry.log.request?.body?.type === 'message') {
        replies.push(entry.log);
      }
    } catch {
      // Not a JSON line (plain log text).
    }
  }
  return replies;
}

/** Waits until the bot has sent an Adaptive Card, then returns it. */
export async function waitForCard(logFile: string, after: number, timeoutMs = 20_000): Promise<PlaygroundCard> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const cards = (await botReplies(logFile))
      .slice(after)
      .flatMap((r) => r.request?.body?.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    if (cards[0]) return cards[0];
    if (Date.now() > deadline) throw new Error('The bot sent no Adaptive Card in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}

/** Everyone the Playground was configured with (GET /_internal/v1/config): its current user first, then `users`. */
export async function playgroundUsers(playgroundUrl: string): Promise<PlaygroundUser[]> {
  const res = await fetch(`${playgroundUrl}/_internal/v1/config`);
  const body = (await res.json()) as { config: { currentUser: PlaygroundUser; users?: PlaygroundUser[] } };
  return [body.config.currentUser, ...(body.config.users ?? [])].map(({ id, name, aadObjectId }) => ({ id, name, aadObjectId }));
}

/**
 * Sends a chat message into the Playground's personal chat as another configured user (`userId` is their
 * Playground id). The personal chat's only members are the current user and the bot, so the messages API
 * refuses anyone else (HTTP 400 UserNotFound). This goes through the Playground's "Mock an Activity" API
 * instead: its own activity template for the chat (serviceUrl, conversation, tenant), sent as a message
 * from that user with their aadObjectId, as Teams would. The bot's replies land in the same chat, so they
 * show in the web UI. The message itself is not shown there.
 */
export async function sendAsConfiguredUser(playgroundUrl: string, userId: string, text: string): Promise<void> {
  const user = (await playgroundUsers(playgroundUrl)).find((u) => u.id === userId);
  if (!user) throw new Error(`No Playground user ${userId} in .m365agentsplayground.yml`);
  const { personalChatId } = await playgroundChats(playgroundUrl);
  const template = await fetch(`${playgroundUrl}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(personalChatId)}`);
  if (!template.ok) throw new Error(`Playground gave no activity template: HTTP ${template.status} ${await template.text()}`);
  const activity = {
    ...((await template.json()) as Record<string, unknown>),
    type: 'message',
    text,
    textFormat: 'plain',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
  };
  const res = await fetch(`${playgroundUrl}/_internal/v1/customActivities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  if (!res.ok) throw new Error(`Playground refused the activity: HTTP ${res.status} ${await res.text()}`);
}
