import { describe, expect, it } from 'vitest';
import { FaultInjector, faultConfigSchema } from '../../../tools/m365-emulator/src/emulator/faults.js';

describe('seeded fault injection', () => {
  const ops = Array.from({ length: 400 }, (_, i) => ({ method: 'POST', path: '/users/u/events', body: { transactionId: `t${i}` } }));
  const decide = (seed: number, order: typeof ops) => {
    const f = new FaultInjector();
    f.configure(faultConfigSchema.parse({ seed, rules: [{ kind: 'throttle', rate: 0.1 }] }));
    return new Map(order.map((op) => [op.body.transactionId, f.decide(op).kind]));
  };

  it('gives each operation the same fault whatever the order it arrives in', () => {
    const forward = decide(5, ops);
    const backward = decide(5, [...ops].reverse());
    expect(backward).toEqual(forward);
    const throttled = [...forward.values()].filter((k) => k === 'throttle').length;
    expect(throttled).toBeGreaterThan(20);
    expect(throttled).toBeLessThan(60);
  });

  it('draws again for a retried operation, and differently for another seed', () => {
    const f = new FaultInjector();
    f.configure(faultConfigSchema.parse({ seed: 1, rules: [{ kind: 'throttle', rate: 0.5 }] }));
    const op = ops[0] as (typeof ops)[number];
    const kinds = Array.from({ length: 40 }, () => f.decide(op).kind);
    expect(new Set(kinds)).toEqual(new Set(['throttle', 'none']));
    expect(decide(6, ops)).not.toEqual(decide(5, ops));
  });

  it('stops after `times` injections and honours method and path filters', () => {
    const f = new FaultInjector();
    f.configure(faultConfigSchema.parse({ rules: [{ kind: 'lostResponse', times: 1, method: 'POST', path: '/items$' }] }));
    expect(f.decide({ method: 'GET', path: '/sites/s/lists/l/items', body: undefined }).kind).toBe('none');
    expect(f.decide({ method: 'POST', path: '/sites/s/lists/l/items', body: { a: 1 } }).kind).toBe('lostResponse');
    expect(f.decide({ method: 'POST', path: '/sites/s/lists/l/items', body: { a: 2 } }).kind).toBe('none');
  });
});
