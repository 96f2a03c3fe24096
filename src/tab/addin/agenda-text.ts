// The agenda item an email becomes: its subject, and its text only when the person ticks "include the
// message text". Plain text, whitespace made single spaces, cut to the agenda's limit. Pure.

/** The server's limit for one agenda item (src/shared/agenda AGENDA_ITEM_MAX_LENGTH; a test keeps them equal). */
export const AGENDA_ITEM_MAX = 500;

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

export function itemTextFromEmail(subject: string, bodyText: string | null): string {
  const parts = [tidy(subject), bodyText === null ? '' : tidy(bodyText)].filter((p) => p !== '');
  const text = parts.join(': ');
  return text.length > AGENDA_ITEM_MAX ? `${text.slice(0, AGENDA_ITEM_MAX - 1)}…` : text;
}
