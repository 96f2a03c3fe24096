import { describe, expect, it } from 'vitest';
import { arrangementInputSchema } from './new-arrangement.js';

const good = { supervisorId: 'daniel', supervisorRole: 'dsl', supervisees: [{ id: 'hannah', role: 'deputy-dsl' }] };
const fieldsOf = (value: unknown) => {
  const r = arrangementInputSchema.safeParse(value);
  return r.success ? undefined : r.error.issues.map((i) => i.path.join('.'));
};

describe('arrangementInputSchema person ids', () => {
  // The id becomes a Graph path segment (/users/{id}); "." or ".." would read /users or the service root, not a person.
  it.each(['.', '..', ' .. ', '...'])('refuses %j as a supervisor or supervisee id', (id) => {
    expect(fieldsOf({ ...good, supervisorId: id })).toEqual(['supervisorId']);
    expect(fieldsOf({ ...good, supervisees: [{ id, role: 'deputy-dsl' }] })).toEqual(['supervisees.0.id']);
  });

  it('accepts object ids and sign-in names with dots in them', () => {
    expect(fieldsOf({ ...good, supervisorId: 'daniel.okafor@school.example' })).toBeUndefined();
    expect(fieldsOf({ ...good, supervisees: [{ id: '3f2a8c1e-0b4d-4e6f-9a7b-1c2d3e4f5a6b', role: 'deputy-dsl' }] })).toBeUndefined();
  });
});
