import { describe, expect, it } from 'vitest';
import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import type { Session } from '../../shared/sessions/session.js';
import type { ChangedItem, RecordStorePort } from '../graph/record-store.js';
import type { Stored } from '../ports.js';
import { createComplianceProjection } from './compliance-projection.js';

const arrangement = { id: 'a1', status: 'active' } as unknown as Arrangement;
const session = (status: Session['status']) => ({ id: 's1', arrangementId: 'a1', status }) as unknown as Session;
const item = (id: string, value: unknown, n: number, modified: string): ChangedItem => ({
  id,
  eTag: `"guid-${id},${n}"`,
  modified,
  fields: { ValueJson: JSON.stringify(value) },
});
const stored = <T>(id: string, value: T, n: number): Stored<T> => ({ value, version: JSON.stringify({ id, eTag: `"guid-${id},${n}"`, fields: {} }) });

/** A store whose lists hold `items`; records what each catch-up asked for. */
function fakeStore(items: Record<string, ChangedItem[]>) {
  const asked: { list: string; since: string | undefined }[] = [];
  const store = {
    changedSince: (list: string, since?: string) => {
      asked.push({ list, since });
      return Promise.resolve((items[list] ?? []).filter((i) => since === undefined || i.modified >= since));
    },
  } as unknown as RecordStorePort;
  return { store, asked };
}

// Values go in through write-through (no parsing), so partial shapes are enough here.
describe('the compliance read model', () => {
  it('keeps a write made through this process over an older read of the same item, and takes a newer one', async () => {
    const { store } = fakeStore({});
    const model = createComplianceProjection(store);
    await model.snapshot();
    model.arrangement(stored('1', arrangement, 1));
    model.session(stored('2', session('booked'), 3));
    // A catch-up that read the item before that write (change number 2) must not undo it.
    model.session(stored('2', session('cancelled'), 2));
    let snap = await model.snapshot();
    expect(snap.arrangements[0]?.sessions.map((s) => s.status)).toEqual(['booked']);
    model.session(stored('2', session('held'), 4));
    snap = await model.snapshot();
    expect(snap.arrangements[0]?.sessions.map((s) => s.status)).toEqual(['held']);
    expect(snap.arrangements[0]?.version).toBe(3);
  });

  it('catches up from a little before the newest Modified it has seen', async () => {
    const { store, asked } = fakeStore({ ConversationReferences: [{ ...item('9', {}, 1, '2026-12-03T08:00:10Z'), fields: { UserId: 'u1', Active: true } }] });
    const model = createComplianceProjection(store);
    expect((await model.snapshot()).reachableIds).toEqual(new Set(['u1']));
    await model.refresh();
    expect(asked.filter((a) => a.list === 'ConversationReferences').map((a) => a.since)).toEqual([undefined, '2026-12-03T08:00:05Z']);
    expect(model.stats()).toMatchObject({ refreshes: 1, build: { items: 1 } });
    model.conversation('u1', false);
    expect((await model.snapshot()).reachableIds).toEqual(new Set());
  });
});
