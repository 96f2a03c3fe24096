import type { AppPorts } from '../ports.js';

/** A card action refused before any use case ran (no identity, malformed or forged data): audited, never its content. */
export async function recordRefusedCardAction(deps: Pick<AppPorts, 'audit'>, input: { actorId: string; verb: unknown; reason: 'no_identity' | 'malformed' }): Promise<void> {
  const verb = typeof input.verb === 'string' && /^[a-z][a-zA-Z.]{0,39}$/.test(input.verb) ? input.verb : 'unknown';
  await deps.audit.append({ actorId: input.actorId.slice(0, 100), action: 'card.action', targetId: '-', outcome: 'refused', detail: `${input.reason}; verb ${verb}` });
}
