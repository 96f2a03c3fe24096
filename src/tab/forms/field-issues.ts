// Puts the server's validation problems next to the inputs they are about. The server names each
// problem's field as a path ('calendar.years[1].halfTerms[2].end', 'supervisees[0].role'); a form
// names its inputs with keys in the same shape ('years.1.halfTerms.2.end'). A problem about a field the
// form has no input for goes to the nearest enclosing part that has one ('years.1.halfTerms' → the
// year), or else to the form's general list.

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * The key of a server field path: '[n]' becomes '.n', an optional prefix is removed
 * ('calendar.years[1].halfTerms[2].end' with prefix 'calendar' → 'years.1.halfTerms.2.end').
 */
export function fieldKey(path: string, prefix = ''): string {
  const key = path
    .trim()
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\.+/, '');
  if (!prefix) return key;
  if (key === prefix) return '';
  return key.startsWith(`${prefix}.`) ? key.slice(prefix.length + 1) : key;
}

/** The key of a field inside a list item: itemKey('years', 1, 'halfTerms', 2, 'end') → 'years.1.halfTerms.2.end'. */
export function itemKey(...parts: readonly (string | number)[]): string {
  return parts.join('.');
}

/** A DOM id for the input with this key (ids must not contain dots for CSS selectors' sake). */
export function inputId(formId: string, key: string): string {
  return `${formId}-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export interface PlacedIssues {
  /** Messages for each input key the form has. */
  readonly byKey: ReadonlyMap<string, readonly string[]>;
  /** Messages with no input to sit beside. */
  readonly general: readonly string[];
}

/**
 * Places each issue against the input with its key, or the nearest enclosing key the form knows, or in
 * `general`. `known` lists the keys the form renders (inputs, and parts such as a year's heading).
 */
export function placeIssues(issues: readonly FieldIssue[], known: ReadonlySet<string> | ((key: string) => boolean), prefix = ''): PlacedIssues {
  const has = typeof known === 'function' ? known : (key: string) => known.has(key);
  const byKey = new Map<string, string[]>();
  const general: string[] = [];
  for (const issue of issues) {
    let key = fieldKey(issue.field, prefix);
    while (key && !has(key)) key = parentKey(key);
    if (key) {
      const list = byKey.get(key) ?? [];
      if (!list.includes(issue.message)) list.push(issue.message);
      byKey.set(key, list);
    } else if (!general.includes(issue.message)) {
      general.push(issue.message);
    }
  }
  return { byKey, general };
}

/** 'years.1.halfTerms.2.end' → 'years.1.halfTerms.2'; '' at the top. */
export function parentKey(key: string): string {
  const at = key.lastIndexOf('.');
  return at < 0 ? '' : key.slice(0, at);
}

/** Moves issues for one year (as the .ics import reports them, 'halfTerms[2].end') into the calendar ('years[3].halfTerms[2].end'). */
export function issuesInYear(issues: readonly FieldIssue[], yearIndex: number): FieldIssue[] {
  return issues.map((i) => ({ field: `years[${yearIndex}]${i.field ? `.${i.field}` : ''}`, message: i.message }));
}

/** Removes the message of one input once the person edits it (the server checks again on save). */
export function withoutKey(placed: PlacedIssues, key: string): PlacedIssues {
  if (!placed.byKey.has(key)) return placed;
  const byKey = new Map(placed.byKey);
  byKey.delete(key);
  return { byKey, general: placed.general };
}

export const NO_ISSUES: PlacedIssues = { byKey: new Map(), general: [] };
