import type { AdaptiveCard } from '@microsoft/teams.cards';
import type { AdaptiveCardActionResponse } from '@microsoft/teams.api';
import type { Refusal } from '../use-case.js';

/** An invoke's answer: the card that replaces the one acted on. */
export function cardResponse(card: AdaptiveCard): AdaptiveCardActionResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

/** An invoke's refusal: Teams shows the message on the card and leaves the card as it was. */
export function cardError(message: string, code = 'BadRequest'): AdaptiveCardActionResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code, message, innerHttpError: { statusCode: 400, body: { message } } } };
}

export function refusalResponse(refusal: Refusal): AdaptiveCardActionResponse {
  return cardError(refusal.message, refusal.code);
}
