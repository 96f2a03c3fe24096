import { parseCardAction } from './card-actions.js';

// For the card tests. No test library here: src/shared is compiled into the server, so this file loads nothing else.

/** For card tests: a card as the JSON Teams receives. */
export type Json = Record<string, unknown>;

export function toJson(card: unknown): Json {
  return JSON.parse(JSON.stringify(card)) as Json;
}

/** Every object in the card (show cards and refresh included), depth first. */
export function allNodes(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const n of node) allNodes(n, out);
  else if (node && typeof node === 'object') {
    out.push(node as Json);
    for (const v of Object.values(node)) allNodes(v, out);
  }
  return out;
}

export function ofType(card: Json, type: string): Json[] {
  return allNodes(card).filter((n) => n.type === type);
}

export function executes(card: Json): Json[] {
  return ofType(card, 'Action.Execute');
}

export function textOf(card: Json): string {
  return allNodes(card)
    .filter((n) => n.type === 'TextBlock' || n.type === 'TextRun')
    .map((t) => String(t.text))
    .concat(ofType(card, 'FactSet').flatMap((f) => (f.facts as { title: string; value: string }[]).map((x) => `${x.title}: ${x.value}`)))
    .join('\n');
}

/**
 * Breaches of the rules every card of the bot keeps (the card tests add the renderer's own problems,
 * `cardProblems`): version 1.5, fallback text, every text wraps, a heading styled as one, no Action.Submit,
 * and every Action.Execute has a verb equal to its data's action and data that `parseCardAction` accepts.
 */
export function cardRuleProblems(json: Json): string[] {
  const problems: string[] = [];
  if (json.type !== 'AdaptiveCard') problems.push(`type is ${String(json.type)}`);
  if (json.version !== '1.5') problems.push(`version is ${String(json.version)}`);
  if (typeof json.fallbackText !== 'string' || json.fallbackText === '') problems.push('no fallback text');
  for (const t of ofType(json, 'TextBlock')) if (t.wrap !== true) problems.push(`text does not wrap: ${String(t.text)}`);
  if (!ofType(json, 'TextBlock').some((t) => t.style === 'heading')) problems.push('no heading');
  if (ofType(json, 'Action.Submit').length > 0) problems.push('Action.Submit used');
  for (const a of executes(json)) {
    const data = a.data as Json | undefined;
    if (typeof a.verb !== 'string' || a.verb === '') problems.push(`Action.Execute "${String(a.title)}" has no verb`);
    else if (data?.action !== a.verb) problems.push(`Action.Execute "${String(a.title)}": data.action is not the verb`);
    else if (!parseCardAction(a.verb, data).ok) problems.push(`Action.Execute "${String(a.title)}": data refused`);
  }
  return problems;
}
