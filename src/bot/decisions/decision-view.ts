import { buildDecisionReminderCard } from '../../shared/cards/decision-reminder-card.js';
import { complianceSettings, decisionDueBy } from '../../shared/compliance/index.js';
import type { DecisionRecord } from '../../shared/records/decision-record.js';
import type { AdaptiveCard } from '@microsoft/teams.cards';
import type { Links } from '../ports.js';

/** A decision record with its deadline and where to read it in the app. */
export type DecisionView = DecisionRecord & { dueBy: string; link: string };

export function decisionView(d: DecisionRecord, links: Links): DecisionView {
  return { ...d, dueBy: decisionDueBy(d.decidedAt, complianceSettings()), link: links.session(d.sessionId) };
}

/** The supervisor's reminder card for a decision (confirmed or not). */
export function decisionCardOf(d: DecisionView, sessionStart?: string): AdaptiveCard {
  return buildDecisionReminderCard({
    decisionId: d.id,
    dueBy: d.dueBy,
    caseSystem: d.caseSystem,
    link: d.link,
    ...(sessionStart ? { sessionStart } : {}),
    ...(d.enteredOnCaseSystem ? { confirmed: { reference: d.enteredOnCaseSystem.reference, at: d.enteredOnCaseSystem.at } } : {}),
  });
}
