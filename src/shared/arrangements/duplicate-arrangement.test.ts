import { describe, expect, it } from 'vitest';
import { duplicateOf } from './duplicate-arrangement.js';

const person = (id: string) => ({ id, displayName: id, mail: `${id}@school.example` });
const arrangement = (supervisorId: string, superviseeIds: string[], extra: { status?: 'active' | 'ended'; format?: 'individual' | 'group' } = {}) => ({
  supervisor: { ...person(supervisorId), role: 'dsl' as const },
  supervisees: superviseeIds.map((id) => ({ ...person(id), role: 'deputy-dsl' as const })),
  format: extra.format ?? (superviseeIds.length > 1 ? ('group' as const) : ('individual' as const)),
  status: extra.status ?? ('active' as const),
});

describe('duplicateOf', () => {
  it('finds the active arrangement with the same supervisor, supervisees (in any order) and format', () => {
    const existing = [arrangement('dsl', ['a']), arrangement('dsl', ['b', 'c'])];
    expect(duplicateOf(existing, arrangement('dsl', ['a']))).toBe(existing[0]);
    expect(duplicateOf(existing, arrangement('dsl', ['c', 'b']))).toBe(existing[1]);
  });

  it('is not fooled by a different supervisor, one supervisee more or fewer, another format, or an ended arrangement', () => {
    const existing = [arrangement('dsl', ['a', 'b']), arrangement('dsl', ['c'], { status: 'ended' })];
    expect(duplicateOf(existing, arrangement('deputy', ['a', 'b']))).toBeUndefined();
    expect(duplicateOf(existing, arrangement('dsl', ['a']))).toBeUndefined();
    expect(duplicateOf(existing, arrangement('dsl', ['a', 'b', 'd']))).toBeUndefined();
    expect(duplicateOf(existing, arrangement('dsl', ['a', 'a']))).toBeUndefined();
    expect(duplicateOf(existing, arrangement('dsl', ['c']))).toBeUndefined();
    expect(duplicateOf(existing, { ...arrangement('dsl', ['a', 'b']), format: 'individual' })).toBeUndefined();
  });
});
