import { InvalidInputError } from '../errors/invalid-input.js';
import { RECORD_KINDS, type RecordKind } from './record.js';
import { extendTemplate, templateById, templatesFor, type Question } from './templates.js';

export interface RecordTemplateSettings {
  recordTemplates: Partial<Record<RecordKind, string>>;
  extraQuestions: Record<string, Question[]>;
}

/**
 * The school's choice of templates ("individual=individual-two-part", comma separated) and its own questions
 * (JSON: template id → questions, appended to that template). Every problem is named, none is ignored.
 */
export function parseRecordTemplateSettings(
  choices: string | undefined,
  extraJson: string | undefined,
): { ok: true; value: RecordTemplateSettings } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const recordTemplates: Partial<Record<RecordKind, string>> = {};
  for (const pair of (choices ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [kind, id] = pair.split('=').map((x) => x.trim());
    if (!kind || !id || !(RECORD_KINDS as readonly string[]).includes(kind)) {
      problems.push(`RECORD_TEMPLATES: "${pair}" must be kind=template, the kind one of ${RECORD_KINDS.join(', ')}`);
      continue;
    }
    const allowed = templatesFor(kind as RecordKind).map((t) => t.id);
    if (!allowed.includes(id)) problems.push(`RECORD_TEMPLATES: ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} record can use ${allowed.join(' or ')}, not "${id}"`);
    else recordTemplates[kind as RecordKind] = id;
  }
  const extraQuestions: Record<string, Question[]> = {};
  if (extraJson?.trim()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(extraJson);
    } catch {
      parsed = undefined;
      problems.push('RECORD_EXTRA_QUESTIONS: must be JSON, e.g. {"individual-questions":[{"id":"trust-q1","label":"…","kind":"long-text"}]}');
    }
    if (parsed !== undefined) {
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) problems.push('RECORD_EXTRA_QUESTIONS: must be an object of template id → list of questions');
      else
        for (const [templateId, questions] of Object.entries(parsed)) {
          const template = templateById(templateId);
          if (!template) {
            problems.push(`RECORD_EXTRA_QUESTIONS: there is no template "${templateId}"`);
            continue;
          }
          if (!Array.isArray(questions)) {
            problems.push(`RECORD_EXTRA_QUESTIONS: "${templateId}" must have a list of questions`);
            continue;
          }
          try {
            extendTemplate(template, questions as Question[]);
            extraQuestions[templateId] = questions as Question[];
          } catch (e) {
            if (!(e instanceof InvalidInputError)) throw e;
            problems.push(`RECORD_EXTRA_QUESTIONS: ${templateId}: ${e.message}`);
          }
        }
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: { recordTemplates, extraQuestions } };
}
