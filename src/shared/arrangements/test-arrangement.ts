import type { Arrangement } from './arrangement.js';

/** For tests: a half-termly, hour-long, active arrangement with one supervisee; `over` changes any field. */
export function testArrangement(over: Partial<Arrangement> & Pick<Arrangement, 'id' | 'supervisor' | 'supervisees'>): Arrangement {
  return {
    format: over.supervisees.length > 1 ? 'group' : 'individual',
    cadence: { kind: 'half-termly' },
    durationMinutes: 60,
    maxGapMonths: 3,
    organiser: 'supervisor',
    teamsMeeting: false,
    preferences: {},
    status: 'active',
    startDate: '2025-09-01',
    ...over,
  };
}
