import * as AdaptiveCards from 'adaptivecards';

/**
 * Parses a card with Microsoft's Adaptive Cards renderer library and returns every parse or
 * validation problem it reports (unknown element types, bad property values, duplicate ids, ...).
 */
export function cardProblems(card: unknown): string[] {
  const json = JSON.parse(JSON.stringify(card)) as Record<string, unknown>;
  const ac = new AdaptiveCards.AdaptiveCard();
  const ctx = new AdaptiveCards.SerializationContext();
  ac.parse(json, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) problems.push(ctx.getEventAt(i).message);
  for (const e of ac.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}
