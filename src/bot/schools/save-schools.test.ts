import { describe, expect, it } from 'vitest';
import type { SchoolEntry } from '../../shared/schools/schools.js';
import type { ArrangementRepository, AuditEntry, SchoolRepository, Stored } from '../ports.js';
import { saveSchools } from './save-schools.js';
import { savedSchools } from './trust-schools.js';

const admin = { id: 'priya', roles: ['Safeguarding.Admin' as const] };

/** Like the Schools list: a create finds an item made meanwhile by its key and returns it; an update needs the current version. */
function repository(initial: SchoolEntry[] = []) {
  const items = new Map<string, Stored<SchoolEntry>>();
  let n = 0;
  const write = (value: SchoolEntry) => {
    const stored = { value: structuredClone(value), version: JSON.stringify({ id: value.id, eTag: `e${++n}` }) };
    items.set(value.id, stored);
    return stored;
  };
  initial.forEach(write);
  const hooks: { beforeWrite?: (kind: 'create' | 'update', entry: SchoolEntry) => void } = {};
  const repo: SchoolRepository = {
    list: async () => [...items.values()].map((s) => structuredClone(s)),
    create: async (entry) => {
      hooks.beforeWrite?.('create', entry);
      return structuredClone(items.get(entry.id) ?? write(entry));
    },
    update: async (base, next) => {
      hooks.beforeWrite?.('update', next);
      if (items.get(base.value.id)?.version !== base.version) throw new Error('412');
      return structuredClone(write(next));
    },
  };
  return { repo, hooks, items };
}

function deps(repo: SchoolRepository) {
  const audit: AuditEntry[] = [];
  const arrangements = { list: async () => [] } as unknown as ArrangementRepository;
  return { deps: { schools: repo, arrangements, audit: { append: async (e: AuditEntry) => void audit.push(e) } }, audit };
}

const caller = () => ({ ...admin, roles: [...admin.roles] });
const names = async (repo: SchoolRepository) => (await savedSchools(repo)).schools.map((s) => s.name);

describe('saveSchools', () => {
  it('refuses, and does not report a save, when someone else added the same new school at the same moment', async () => {
    const { repo, hooks, items } = repository();
    const { deps: d } = deps(repo);
    hooks.beforeWrite = () => {
      hooks.beforeWrite = undefined;
      void repo.create({ id: 'riverside-primary', name: 'riverside primary', position: 0, removed: false });
    };
    const r = await saveSchools(d, { caller: caller(), schools: [{ name: 'Riverside Primary' }], version: 'none' });
    expect(r).toEqual({ ok: false, refusal: expect.objectContaining({ kind: 'conflict', code: 'version_conflict' }) });
    expect(items.get('riverside-primary')?.value.name).toBe('riverside primary');
  });

  it('saves a new school that is already stored exactly as sent (a retry after a lost answer)', async () => {
    const { repo } = repository([{ id: 'riverside-primary', name: 'Riverside Primary', position: 0, removed: false }]);
    const { deps: d } = deps(repo);
    const { version } = await savedSchools(repo);
    const r = await saveSchools(d, { caller: caller(), schools: [{ id: 'riverside-primary', name: 'Riverside Primary' }], version });
    expect(r.ok).toBe(true);
  });

  it('says what was saved and what was not when a write fails part-way', async () => {
    const { repo, hooks } = repository([
      { id: 'oakfield', name: 'Oakfield', position: 0, removed: false },
      { id: 'elm', name: 'Elm', position: 1, removed: false },
    ]);
    const { deps: d, audit } = deps(repo);
    const { version } = await savedSchools(repo);
    let writes = 0;
    hooks.beforeWrite = () => {
      if (++writes === 2) throw new Error('Microsoft 365 did not answer');
    };
    const r = await saveSchools(d, {
      caller: caller(),
      schools: [{ id: 'oakfield', name: 'Oakfield Academy' }, { name: 'Riverside' }, { name: 'Hillside' }],
      version,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal).toEqual(expect.objectContaining({ kind: 'conflict', code: 'partly_saved', field: 'version' }));
    expect(r.refusal.message).toMatch(/Saved: adding ‘Riverside’\./);
    expect(r.refusal.message).toMatch(/Not saved: adding ‘Hillside’; renaming ‘Oakfield’ to ‘Oakfield Academy’; removing ‘Elm’\./);
    expect(await names(repo)).toEqual(['Oakfield', 'Elm', 'Riverside']);
    expect(audit.at(-1)).toEqual(expect.objectContaining({ action: 'schools.save', outcome: 'refused', detail: 'partly_saved' }));
  });

  it('when the first write fails nothing is saved, the error is passed on, and the same save can be sent again', async () => {
    const { repo, hooks } = repository([{ id: 'oakfield', name: 'Oakfield', position: 0, removed: false }]);
    const { deps: d } = deps(repo);
    const { version } = await savedSchools(repo);
    hooks.beforeWrite = () => {
      hooks.beforeWrite = undefined;
      throw new Error('Microsoft 365 did not answer');
    };
    const input = { caller: caller(), schools: [{ id: 'oakfield', name: 'Oakfield Academy' }, { name: 'Riverside' }], version };
    await expect(saveSchools(d, input)).rejects.toThrow('Microsoft 365 did not answer');
    expect(await names(repo)).toEqual(['Oakfield']);
    const again = await saveSchools(d, input);
    expect(again.ok).toBe(true);
    expect(await names(repo)).toEqual(['Oakfield Academy', 'Riverside']);
  });

  it('when the read-back fails too, names the writes that answered as saved', async () => {
    const { repo, hooks } = repository([{ id: 'oakfield', name: 'Oakfield', position: 0, removed: false }]);
    const { deps: d } = deps(repo);
    const { version } = await savedSchools(repo);
    let writes = 0;
    hooks.beforeWrite = () => {
      if (++writes < 2) return;
      repo.list = () => Promise.reject(new Error('Microsoft 365 did not answer'));
      throw new Error('Microsoft 365 did not answer');
    };
    const r = await saveSchools(d, { caller: caller(), schools: [{ name: 'Riverside' }, { name: 'Hillside' }, { id: 'oakfield', name: 'Oakfield' }], version });
    expect(r).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'partly_saved', message: expect.stringMatching(/Saved: adding ‘Riverside’\. Not saved: adding ‘Hillside’; moving ‘Oakfield’\./) }),
    });
  });
});
