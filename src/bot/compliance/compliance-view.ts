import type { Arrangement } from '../../shared/arrangements/arrangement.js';
import { instantMs } from '../../shared/calendar/london-time.js';
import { arrangementStanding, combineStandings, type ArrangementStanding, type Dashboard } from '../../shared/compliance/dashboard.js';
import type { AppPorts, ComplianceReadModel } from '../ports.js';
import { currentCalendar } from '../school-year/school-calendar.js';

export type ComplianceDeps = Pick<AppPorts, 'compliance' | 'schoolCalendar' | 'clock' | 'audit'>;

/** The schools the dashboard can be filtered by: one for now (a trust's schools come with multi-school support). */
export const SCHOOLS = [{ id: 'school', name: 'All staff' }] as const;
const SCHOOL_ID = SCHOOLS[0].id;

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
export async function dashboardOf(deps: ComplianceDeps, pick: (a: Arrangement) => boolean): Promise<Dashboard & { generatedAt: string }> {
  const [snapshot, calendar] = await Promise.all([deps.compliance.snapshot(), currentCalendar(deps.schoolCalendar)]);
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
    const key = `${data.version}|${[...unreachable].join(',')}|${calendarVersion}`;
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
      schoolId: SCHOOL_ID,
    });
    cache.set(a.id, { key, from: nowMs, standing });
    picked.push(standing);
  }
  return { generatedAt: now, ...combineStandings(picked) };
}
