import { AdaptiveCard, Fact, FactSet, OpenUrlAction, TextBlock } from '@microsoft/teams.cards';
import { dateText, sessionTimeText } from '../agenda/agenda.js';
import type { IsoDate } from '../calendar/dates.js';
import type { IsoInstant } from '../calendar/london-time.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import { namesText } from './agenda-card.js';

const heading = (text: string) => new TextBlock(text, { wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' });
const para = (text: string) => new TextBlock(text, { wrap: true });
function checkedLink(link: string): string {
  if (!/^https?:\/\/\S+$/i.test(link)) throw new InvalidInputError('sessionLink', 'The session link must be a web address starting with https://');
  return link;
}

// seed 000 "Frequency of Safeguarding Supervision" and Appendix 3 §3: re-held within one working week.
/** To the supervisor and the safeguarding admin: the meeting was moved in Outlook past the working week. */
export function buildMovedLateCard(input: { fromStart: IsoInstant; toStart: IsoInstant; deadline: IsoDate | undefined; partyNames: string[]; sessionLink: string }): AdaptiveCard {
  const by = input.deadline ? `by ${dateText(input.deadline)}` : 'within one working week (the school calendar does not cover that week yet)';
  return new AdaptiveCard(
    heading('A session was moved too late'),
    para(
      `The supervision meeting was moved in Outlook to a day after the working week it must be held in. It should be held ${by}: please agree an earlier time, or record why not.`,
    ),
    new FactSet(
      new Fact('Was', sessionTimeText(input.fromStart)),
      new Fact('Now', sessionTimeText(input.toStart)),
      ...(input.deadline ? [new Fact('Hold by', dateText(input.deadline))] : []),
      new Fact('People', namesText(input.partyNames)),
    ),
  )
    .withActions(new OpenUrlAction(checkedLink(input.sessionLink), { title: 'Open the session' }))
    .withVersion('1.5')
    .withFallbackText(`A supervision session was moved in Outlook past its working week (now ${sessionTimeText(input.toStart)}).`);
}

/** To the safeguarding admin: the meeting was cancelled in Outlook, so the session is cancelled and needs booking again. */
export function buildCancelledInOutlookCard(input: { start: IsoInstant; partyNames: string[]; sessionLink: string }): AdaptiveCard {
  return new AdaptiveCard(
    heading('A session was cancelled in Outlook'),
    para('The supervision meeting was cancelled in Outlook, so the session is marked cancelled. Book another for the same half term so nobody goes without supervision.'),
    new FactSet(new Fact('Was', sessionTimeText(input.start)), new Fact('People', namesText(input.partyNames))),
  )
    .withActions(new OpenUrlAction(checkedLink(input.sessionLink), { title: 'Open the session' }))
    .withVersion('1.5')
    .withFallbackText(`A supervision session (${sessionTimeText(input.start)}) was cancelled in Outlook.`);
}
