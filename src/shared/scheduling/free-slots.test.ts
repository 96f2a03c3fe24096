import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../calendar/dates.js';
import { instantMs, minutesOfDay, timeFromMinutes, toIsoInstant } from '../calendar/london-time.js';
import { cachedDayClock } from './day-clock.js';
import { freeSlotsOn, freeStartsOn, slotGrid } from './free-slots.js';
import { busyInMs, busyInstantMs, busySpans, type ParticipantBusy } from './intervals.js';

const outcome = <T>(f: () => T): T | string => {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).name}: ${(e as Error).message}`;
  }
};

// Any day from 2025/26 to 2027/28, and the Sundays the clocks change (they are never school days, but
// `freeStartsOn` must still agree with `freeSlotsOn` on them).
const arbDate = fc.oneof(
  fc.integer({ min: 0, max: 1050 }).map((n) => addDays('2025-09-01', n)),
  fc.constantFrom('2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28'),
);

const arbDay = arbDate.chain((date) => {
  const midnight = instantMs(`${date}T00:00:00Z`);
  const block = fc.record({
    who: fc.constantFrom('supervisor', 'supervisee'),
    // From 12 hours before the day to 36 hours into it; empty and inverted blocks too.
    at: fc.integer({ min: -12 * 60, max: 36 * 60 }),
    len: fc.integer({ min: -30, max: 600 }),
  });
  return fc.record({
    date: fc.constant(date),
    open: fc.integer({ min: 0, max: 1380 }),
    len: fc.integer({ min: 1, max: 1000 }),
    step: fc.integer({ min: 5, max: 60 }),
    duration: fc.integer({ min: 1, max: 240 }),
    blocks: fc.array(block, { maxLength: 12 }),
    nowMs: fc.integer({ min: -24 * 60, max: 36 * 60 }).map((m) => midnight + m * 60_000),
  });
});

function participantsOf(date: string, blocks: { who: string; at: number; len: number }[]): ParticipantBusy[] {
  const midnight = instantMs(`${date}T00:00:00Z`);
  const byWho = new Map<string, { start: string; end: string }[]>();
  for (const b of blocks) {
    const start = midnight + b.at * 60_000;
    byWho.set(b.who, [...(byWho.get(b.who) ?? []), { start: toIsoInstant(start), end: toIsoInstant(start + b.len * 60_000) }]);
  }
  return [...byWho].map(([participantId, busy]) => ({ participantId, busy }));
}

describe('free time worked out quickly', () => {
  it('freeStartsOn finds the slots freeSlotsOn lists (or throws as it does), whatever the day, hours, step, length, busy times and now', () => {
    fc.assert(
      fc.property(arbDay, (r) => {
        const hours = { start: timeFromMinutes(r.open), end: timeFromMinutes(Math.min(1439, r.open + r.len)) };
        const participants = participantsOf(r.date, r.blocks);
        const busy = { spans: busySpans(participants), blocks: () => busyInMs(participants) };
        const slow = outcome(() => freeSlotsOn(r.date, r.duration, hours, r.step, busyInMs(participants), r.nowMs).free.map((s) => minutesOfDay(s.localStart)));
        const grid = slotGrid(r.duration, hours, r.step);
        expect(outcome(() => freeStartsOn(cachedDayClock(r.date), grid, busy, r.nowMs))).toEqual(slow);
        expect(outcome(() => freeStartsOn(cachedDayClock(r.date), grid, busy, r.nowMs, 1))).toEqual(typeof slow === 'string' ? slow : slow.slice(0, 1));
      }),
      { numRuns: 400 },
    );
  });

  it('on the day the clocks go back, a slot in the repeated hour is the GMT one, as freeSlotsOn has it', () => {
    const hours = { start: '00:00', end: '03:00' };
    const starts = freeStartsOn(cachedDayClock('2025-10-26'), slotGrid(30, hours, 30), { spans: busySpans([]), blocks: () => [] }, 0);
    expect(starts).toEqual(freeSlotsOn('2025-10-26', 30, hours, 30, [], 0).free.map((s) => minutesOfDay(s.localStart)));
    expect(cachedDayClock('2025-10-26').steady).toBe(false);
    expect(cachedDayClock('2025-10-27').steady).toBe(true);
  });

  it('busySpans: a time overlaps a span exactly when it overlaps someone’s block; spans are sorted, apart and not empty', () => {
    fc.assert(
      fc.property(arbDay, fc.integer({ min: -12 * 60, max: 36 * 60 }), fc.integer({ min: 1, max: 300 }), (r, at, len) => {
        const participants = participantsOf(r.date, r.blocks);
        const { starts, ends, count } = busySpans(participants);
        for (let i = 0; i < count; i++) {
          expect(ends[i]).toBeGreaterThan(starts[i] as number);
          if (i > 0) expect(starts[i]).toBeGreaterThan(ends[i - 1] as number);
        }
        const s = instantMs(`${r.date}T00:00:00Z`) + at * 60_000;
        const e = s + len * 60_000;
        const bySpan = Array.from({ length: count }, (_, i) => i).some((i) => (starts[i] as number) < e && (ends[i] as number) > s);
        expect(bySpan).toBe(busyInMs(participants).some((b) => b.start < e && b.end > s));
        // Lists in time order, or the reverse (as calendars send them), join the same way as any order.
        const byStart = (x: { start: string }, y: { start: string }) => instantMs(x.start) - instantMs(y.start);
        const inOrder = participants.map((p) => ({ ...p, busy: [...p.busy].sort(byStart) }));
        expect(busySpans(inOrder)).toEqual(busySpans(participants));
        expect(busySpans(inOrder.map((p) => ({ ...p, busy: [...p.busy].reverse() })))).toEqual(busySpans(participants));
      }),
      { numRuns: 300 },
    );
  });

  it('busyInstantMs reads an instant as instantMs does, and refuses what it refuses with the same error', () => {
    const arbInstant = fc
      .tuple(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }).map((ms) => toIsoInstant(ms - (ms % 1000))),
        fc.nat({ max: 19 }),
        fc.constantFrom('0', '9', '3', '-', ':', 'T', 'Z', 'z', ' ', '+', '.', 'x'),
        fc.constantFrom('keep', 'mutate', 'millis', 'offset', 'feb29', 'hour24', 'short'),
      )
      .map(([iso, at, ch, how]) => {
        if (how === 'mutate') return iso.slice(0, at) + ch + iso.slice(at + 1);
        if (how === 'millis') return iso.replace('Z', '.123Z');
        if (how === 'offset') return iso.replace('Z', '+01:00');
        if (how === 'feb29') return `${iso.slice(0, 4)}-02-29${iso.slice(10)}`;
        if (how === 'hour24') return `${iso.slice(0, 11)}24${iso.slice(13)}`;
        if (how === 'short') return iso.slice(0, 16) + 'Z';
        return iso;
      });
    fc.assert(
      fc.property(arbInstant, (s) => {
        expect(outcome(() => busyInstantMs(s))).toEqual(outcome(() => instantMs(s)));
      }),
      { numRuns: 2000 },
    );
  });
});
