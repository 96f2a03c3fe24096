import type { Party } from '../../shared/arrangements/arrangement.js';
import type { ValidationIssue } from '../../shared/calendar/validation-issue.js';
import type { DirectoryPort } from '../ports.js';

/** Looks people up in the directory by id; each one not found, or without a mailbox, is an issue on its field. */
export async function findParties(directory: DirectoryPort, wanted: readonly { id: string; field: string }[]): Promise<{ people: Party[]; issues: ValidationIssue[] }> {
  const found = await Promise.all(wanted.map((w) => directory.getUser(w.id)));
  const people: Party[] = [];
  const issues: ValidationIssue[] = [];
  found.forEach((u, i) => {
    const w = wanted[i] as { id: string; field: string };
    if (!u) issues.push({ field: w.field, message: 'Nobody with that id is in the school directory: choose someone from the list.' });
    else if (!u.mail) issues.push({ field: w.field, message: `${u.displayName} has no mailbox, so Outlook cannot invite them: ask IT to give them one.` });
    else people.push({ id: u.id, displayName: u.displayName, mail: u.mail });
  });
  return { people, issues };
}
