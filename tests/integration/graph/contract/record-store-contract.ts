import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createGraphClient } from '../../../../src/bot/graph/graph-client.js';
import { createSharePointStore, type RecordStorePort } from '../../../../src/bot/graph/record-store.js';
import type { ListSpec } from '../../../../src/bot/graph/list-schema.js';
import type { ContractTarget } from './target.js';

export const sessionsSpec = (runId: string): ListSpec => ({
  name: `${runId}Sessions`,
  columns: [
    { name: 'ArrangementId', kind: 'text', indexed: true },
    { name: 'Status', kind: 'text', indexed: true },
    { name: 'Room', kind: 'text' },
    { name: 'Sequence', kind: 'number' },
    { name: 'StartsAt', kind: 'dateTime', indexed: true },
  ],
});

/** SharePoint list behaviour the record store relies on; the same for the emulator and a tenant. */
export function recordStoreContract(target: () => ContractTarget): void {
  const setup = (): { store: RecordStorePort; list: string } => {
    const t = target();
    const spec = sessionsSpec(t.runId);
    return { store: createSharePointStore(createGraphClient(t.connection), { siteId: t.siteId, lists: [spec] }), list: spec.name };
  };

  it('provisions lists, columns and indexes idempotently', async () => {
    const { store } = setup();
    await store.provision();
    await store.provision();
    const again = setup();
    await again.store.provision();
  });

  it('creates, reads, queries on an indexed column and updates with If-Match', async () => {
    const { store, list } = setup();
    const arrangement = randomUUID();
    const created = await store.create(list, {
      idempotencyKey: randomUUID(),
      fields: { ArrangementId: arrangement, Status: 'planned', Room: 'Room 4', Sequence: 1, StartsAt: '2031-01-06T09:00:00Z' },
    });
    expect(created.fields).toMatchObject({ ArrangementId: arrangement, Status: 'planned', Sequence: 1 });
    expect(await store.get(list, created.id)).toMatchObject({ id: created.id, eTag: created.eTag });
    expect((await store.query(list, { ArrangementId: arrangement })).map((i) => i.id)).toEqual([created.id]);
    const updated = await store.update(list, created, { Status: 'held' });
    expect(updated.fields).toMatchObject({ Status: 'held', Room: 'Room 4' });
    expect(updated.eTag).not.toBe(created.eTag);
  });

  it('returns the first item when a create is repeated with the same idempotency key', async () => {
    const { store, list } = setup();
    const key = randomUUID();
    const arrangement = randomUUID();
    const first = await store.create(list, { idempotencyKey: key, fields: { ArrangementId: arrangement, Status: 'planned' } });
    const second = await store.create(list, { idempotencyKey: key, fields: { ArrangementId: arrangement, Status: 'planned' } });
    expect(second.id).toBe(first.id);
    expect(await store.query(list, { ArrangementId: arrangement })).toHaveLength(1);
  });

  it('resolves two concurrent updates to different fields without losing either (one 412)', async () => {
    const { store, list } = setup();
    const item = await store.create(list, { idempotencyKey: randomUUID(), fields: { ArrangementId: randomUUID(), Status: 'planned', Room: 'Room 1' } });
    const [a, b] = await Promise.allSettled([store.update(list, item, { Status: 'held' }), store.update(list, item, { Room: 'Library' })]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('fulfilled');
    expect((await store.get(list, item.id))?.fields).toMatchObject({ Status: 'held', Room: 'Library' });
  });

  it('refuses to overwrite a field that someone else changed to a different value', async () => {
    const { store, list } = setup();
    const item = await store.create(list, { idempotencyKey: randomUUID(), fields: { ArrangementId: randomUUID(), Status: 'planned' } });
    await store.update(list, item, { Status: 'held' });
    await expect(store.update(list, item, { Status: 'postponed' })).rejects.toMatchObject({ name: 'ConcurrentUpdateError', fields: ['Status'] });
  });
}
