import { auditorGrantSchema, type AuditorGrant } from '../../shared/records/auditor-grant.js';
import type { RecordStorePort } from '../graph/record-store.js';
import type { AuditorGrantRepository } from '../ports.js';
import { jsonItems } from './json-items.js';

export const AUDITOR_GRANTS_LIST = 'AuditorGrants';

export function createAuditorGrantRepository(store: RecordStorePort): AuditorGrantRepository {
  const items = jsonItems(store, AUDITOR_GRANTS_LIST, auditorGrantSchema, (g: AuditorGrant) => ({
    Title: 'Auditor access',
    AuditorId: g.auditorId,
    ExpiresUtc: g.expiresAt,
  }));
  return {
    list: () => items.where({}),
    listForAuditor: (auditorId) => items.where({ AuditorId: auditorId }),
    create: (g) => items.create(g.id, g),
    update: (base, next) => items.update(base, next),
  };
}
