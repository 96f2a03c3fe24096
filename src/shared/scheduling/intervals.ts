import { instantMs, type IsoInstant } from '../calendar/london-time.js';

/** A time span [start, end) as UTC instants: a session slot or a busy block from a free/busy lookup. */
export interface Interval {
  start: IsoInstant;
  end: IsoInstant;
}

/** One participant's busy times (from Graph getSchedule, say). */
export interface ParticipantBusy {
  participantId: string;
  busy: readonly Interval[];
}

export interface MsInterval {
  start: number;
  end: number;
  participantId: string;
}

/** All participants' busy blocks in milliseconds, sorted by start; empty or inverted blocks are dropped. */
export function busyInMs(participants: readonly ParticipantBusy[]): MsInterval[] {
  const out: MsInterval[] = [];
  for (const p of participants) {
    for (const b of p.busy) {
      const start = instantMs(b.start);
      const end = instantMs(b.end);
      if (end > start) out.push({ start, end, participantId: p.participantId });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0));
}

/** Who is busy during [start, end). */
export function busyParticipants(busy: readonly MsInterval[], start: number, end: number): string[] {
  const who = new Set<string>();
  for (const b of busy) {
    if (b.start >= end) break;
    if (b.end > start) who.add(b.participantId);
  }
  return [...who].sort();
}
