// The decision form's own checks, before asking the server (which checks again): every field the
// server requires, in the words the form shows next to each.
import type { CaseSystem, DecisionInput } from '../../api/operations/records.js';
import type { FieldIssue } from '../../forms/field-issues.js';

export interface DecisionDraft {
  childReference: string;
  concerns: string;
  actions: { text: string; timescale: string }[];
  referredToManager: boolean;
  chronologyEntry: boolean;
  caseSystem: CaseSystem | '';
}

/** The request to send, or the problems to show against the form's keys. */
export function decisionProblems(draft: DecisionDraft): { ok: true; input: DecisionInput } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const childReference = draft.childReference.trim();
  if (!childReference) issues.push({ field: 'childReference', message: "Give the child's initials or case reference." });
  else if (childReference.length > 40) issues.push({ field: 'childReference', message: 'Use initials or a case reference: at most 40 characters.' });
  const concerns = draft.concerns.trim();
  if (!concerns) issues.push({ field: 'concerns', message: 'Summarise the concerns discussed.' });
  const actions = draft.actions.map((a) => ({ text: a.text.trim(), timescale: a.timescale.trim() }));
  const used = actions.filter((a) => a.text || a.timescale);
  if (used.length === 0) issues.push({ field: 'actions', message: 'Agree at least one action with a timescale.' });
  actions.forEach((a, i) => {
    if (!a.text && !a.timescale) return; // an empty row is left out (and 'actions' says when none is left)
    if (!a.text) issues.push({ field: `actions.${i}.text`, message: 'Say what will be done.' });
    if (!a.timescale) issues.push({ field: `actions.${i}.timescale`, message: 'Say by when.' });
  });
  if (!draft.caseSystem) issues.push({ field: 'caseSystem', message: 'Choose the case system the decision goes on.' });
  if (issues.length > 0 || !draft.caseSystem) return { ok: false, issues };
  return {
    ok: true,
    input: { childReference, concerns, actions: used, referredToManager: draft.referredToManager, chronologyEntry: draft.chronologyEntry, caseSystem: draft.caseSystem },
  };
}
