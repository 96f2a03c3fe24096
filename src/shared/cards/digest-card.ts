import { AdaptiveCard, Fact, FactSet, OpenUrlAction, TextBlock } from '@microsoft/teams.cards';
import { dateText } from '../agenda/agenda.js';
import type { IsoDate } from '../calendar/dates.js';
import type { DashboardRow } from '../compliance/dashboard.js';
import { InvalidInputError } from '../errors/invalid-input.js';

/** The week's figures the DSL's digest shows: counts only, no names of children, no case detail. */
export interface DigestFigures {
  supervisees: number;
  overdue: number;
  dueSoon: number;
  unsignedRecords: number;
  decisionsOverdue: number;
  contractsMissing: number;
  unreachable: number;
}

export function digestFigures(rows: readonly DashboardRow[]): DigestFigures {
  // Rows are one per supervisee per arrangement: a person is counted once, by their worse standing, and
  // what belongs to an arrangement (records, decisions, the contract) once per arrangement.
  const people = new Map<string, DashboardRow['status']>();
  for (const r of rows) people.set(r.superviseeId, worse(people.get(r.superviseeId), r.status));
  const byArrangement = new Map(rows.map((r) => [r.arrangementId, r]));
  const perArrangement = (count: (r: DashboardRow) => number) => [...byArrangement.values()].reduce((n, r) => n + count(r), 0);
  const statuses = [...people.values()];
  return {
    supervisees: people.size,
    overdue: statuses.filter((s) => s === 'overdue').length,
    dueSoon: statuses.filter((s) => s === 'due-soon').length,
    unsignedRecords: perArrangement((r) => r.unsignedRecords),
    decisionsOverdue: perArrangement((r) => r.decisionsOverdue),
    contractsMissing: perArrangement((r) => (r.contract === 'overdue' ? 1 : 0)),
    unreachable: new Set(rows.filter((r) => r.unreachable).map((r) => r.superviseeId)).size,
  };
}

const RANK: Record<DashboardRow['status'], number> = { 'on-track': 0, 'due-soon': 1, overdue: 2 };
const worse = (a: DashboardRow['status'] | undefined, b: DashboardRow['status']) => (a !== undefined && RANK[a] > RANK[b] ? a : b);

// seed 003 §D ("checking files to ensure that supervision is taking place"): the DSL sees the week at a glance.
/** The DSL's weekly digest: where supervision stands across the school, with a link to the dashboard. */
export function buildDigestCard(input: { weekOf: IsoDate; figures: DigestFigures; link: string }): AdaptiveCard {
  if (!/^https?:\/\/\S+$/i.test(input.link)) throw new InvalidInputError('link', 'The link must be a web address starting with https://');
  const f = input.figures;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  return new AdaptiveCard(
    new TextBlock(`Safeguarding supervision: the week of ${dateText(input.weekOf)}`, { wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' }),
    new TextBlock(f.overdue === 0 && f.decisionsOverdue === 0 && f.contractsMissing === 0 ? 'Nobody is overdue this week.' : 'Some supervision needs your attention this week.', {
      wrap: true,
    }),
    new FactSet(
      new Fact('Overdue', plural(f.overdue, 'supervisee')),
      new Fact('Due soon', plural(f.dueSoon, 'supervisee')),
      new Fact('Records awaiting signature', String(f.unsignedRecords)),
      new Fact('Decisions not on the case system in time', String(f.decisionsOverdue)),
      new Fact('Contracts not signed by the third session', String(f.contractsMissing)),
      new Fact('Not reachable by the bot', plural(f.unreachable, 'person', 'people')),
      new Fact('Supervisees in all', String(f.supervisees)),
    ),
  )
    .withActions(new OpenUrlAction(input.link, { title: 'Open the compliance dashboard' }))
    .withVersion('1.5')
    .withFallbackText(`Safeguarding supervision this week: ${f.overdue} overdue, ${f.dueSoon} due soon.`);
}
