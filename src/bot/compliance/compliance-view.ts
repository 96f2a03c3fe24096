import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import { instantMs } from '../../shared/calendar/london-time.js';
import { arrangementStanding, combineStandings, type ArrangementStanding, type Dashboard } from '../../shared/compliance/dashboard.js';
import type { AppPorts, ComplianceReadModel } from '../ports.js';
import { currentCalendar } from '../school-year/school-calendar.js';
import { schoolOfArrangement, trustSchools, type School } from '../../shared/schools/schools.js';
import { schoolsOf } from '../schools/trust-schools.js';

/** `schools` (the trust's schools) may be left out: then everything is in the one implicit school. */
export type ComplianceDeps = Pick<AppPorts, 'compliance' | 'schoolCalendar' | 'clock' | 'audit'> & Partial<Pick<AppPorts, 'schools'>>;

/**
 * Each arrangement's standing, kept while its data, the calendar and its supervisees' reachability are
 * unchanged and the time has not passed its `validUntil`: the rules are pure, so the same input gives
 * the same answer, and a request after a change recomputes only the arrangements that changed.
 */
const standings = new WeakMap<ComplianceReadModel, Map<string, { key: string; from: number; standing: ArrangementStanding }>>();

/**
 * The dashboard over the read model (never the lists): the arrangements `pick` keeps (active ones), with
 * the school's calendar and who the bot cannot reach.
 */
export async function dashboardOf(deps: ComplianceDeps, pick: (a: Arrangement) => boolean): Promise<Dashboard & { generatedAt: string; schools: School[] }> {
  const [snapshot, calendar, saved] = await Promise.all([deps.compliance.snapshot(), currentCalendar(deps.schoolCalendar), schoolsOf(deps.schools)]);
  const now = deps.clock.now();
  const nowMs = instantMs(now);
  let cache = standings.get(deps.compliance);
  if (!cache) standings.set(deps.compliance, (cache = new Map()));
  const calendarVersion = calendar.stored?.version ?? 'default';
  const picked: ArrangementStanding[] = [];
  for (const data of snapshot.arrangements) {
    const a = data.arrangement;
    if (a.status !== 'active' || !pick(a)) continue;
    const unreachable = new Set(a.supervisees.filter((s) => !snapshot.reachableIds.has(s.id)).map((s) => s.id));
    // The school too: an arrangement with no school of its own moves when the first school changes.
    const schoolId = schoolOfArrangement(a, saved);
    const key = `${data.version}|${[...unreachable].join(',')}|${calendarVersion}|${schoolId}`;
    const seen = cache.get(a.id);
    if (seen && seen.key === key && seen.from <= nowMs && nowMs < instantMs(seen.standing.validUntil)) {
      picked.push(seen.standing);
      continue;
    }
    const standing = arrangementStanding({
      calendar: calendar.working,
      now,
      arrangement: a,
      sessions: data.sessions,
      records: data.records,
      decisions: data.decisions,
      unreachableIds: unreachable,
      schoolId,
    });
    cache.set(a.id, { key, from: nowMs, standing });
    picked.push(standing);
  }
  return { generatedAt: now, ...combineStandings(picked), schools: trustSchools(saved) };
}
