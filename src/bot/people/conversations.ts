import type { Caller } from '../../shared/access/app-roles.js';
import { canManageSchedule } from '../../shared/access/authorise.js';
import { partiesOf } from '../../shared/arrangements/arrangement.js';
import { auditedIfRefused } from '../audit/audited.js';
import type { AppPorts, ConversationRef } from '../ports.js';
import { done, refuse, type Outcome } from '../use-case.js';

/** Saves where the bot can reach this person (on install, and whenever they write to it). */
export async function rememberConversation(deps: Pick<AppPorts, 'conversations' | 'audit'>, input: { ref: ConversationRef; installed: boolean }): Promise<void> {
  await deps.conversations.save(input.ref);
  if (input.installed) await deps.audit.append({ actorId: input.ref.userId, action: 'bot.install', targetId: input.ref.userId, outcome: 'done' });
}

/** Forgets it when they uninstall the app. */
export async function forgetConversation(deps: Pick<AppPorts, 'conversations' | 'audit'>, input: { userId: string }): Promise<void> {
  await deps.conversations.forget(input.userId);
  await deps.audit.append({ actorId: input.userId, action: 'bot.uninstall', targetId: input.userId, outcome: 'done' });
}

export interface UnreachablePerson {
  id: string;
  displayName: string;
}

/** Everyone in an active arrangement the bot cannot reach yet: they get no reminders or agenda cards until the app is installed for them. */
export async function listUnreachablePeople(deps: Pick<AppPorts, 'arrangements' | 'conversations' | 'audit'>, input: { caller: Caller }): Promise<Outcome<UnreachablePerson[]>> {
  const allowed = canManageSchedule(input.caller);
  if (!allowed.ok) return auditedIfRefused(deps.audit, input.caller, 'people.unreachable', '-', refuse('forbidden', 'forbidden', allowed.reason));
  const people = new Map<string, string>();
  for (const a of await deps.arrangements.list()) if (a.value.status === 'active') for (const p of partiesOf(a.value)) people.set(p.id, p.displayName);
  const missing: UnreachablePerson[] = [];
  for (const [id, displayName] of people) if (!(await deps.conversations.get(id))) missing.push({ id, displayName });
  return done(missing.sort((a, b) => a.displayName.localeCompare(b.displayName)));
}
