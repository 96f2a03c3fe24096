import type { AppPorts } from '../ports.js';

/**
 * A REST request refused before any use case ran because its input was not valid: audited by operation,
 * target id and the field at fault, never the values sent.
 */
export async function recordRefusedRequest(
  deps: Pick<AppPorts, 'audit'>,
  input: { actorId: string; operationId: string; targetId: string | undefined; field: string },
): Promise<void> {
  const target = input.targetId && /^[\w.:-]{1,200}$/.test(input.targetId) ? input.targetId : '-';
  const field = /^[\w.[\]]{1,100}$/.test(input.field) ? input.field : 'body';
  await deps.audit.append({
    actorId: input.actorId.slice(0, 100),
    action: `api.${input.operationId}`,
    targetId: target,
    outcome: 'refused',
    detail: `invalid_request; field ${field}`,
  });
}
