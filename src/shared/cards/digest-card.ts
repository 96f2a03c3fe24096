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
  return {
    supervisees: rows.length,
    overdue: rows.filter((r) => r.status === 'overdue').length,
    dueSoon: rows.filter((r) => r.status === 'due-soon').length,
    unsignedRecords: rows.reduce((n, r) => n + r.unsignedRecords, 0),
    // A decision or contract belongs to the arrangement: count each arrangement once.
    decisionsOverdue: [...new Map(rows.map((r) => [r.arrangementId, r.decisionsOverdue])).values()].reduce((n, x) => n + x, 0),
    contractsMissing: new Set(rows.filter((r) => r.contract === 'overdue').map((r) => r.arrangementId)).size,
    unreachable: rows.filter((r) => r.unreachable).length,
  };
}

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
