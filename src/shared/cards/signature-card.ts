import {
  AdaptiveCard,
  Fact,
  FactSet,
  OpenUrlAction,
  RichTextBlock,
  ShowCardAction,
  TextBlock,
  TextInput,
  TextRun,
  type CardElementArray,
  type TextBlockOptions,
} from '@microsoft/teams.cards';
import { sessionTimeText } from '../agenda/agenda.js';
import { formatLondonDateTime } from '../calendar/london-format.js';
import type { IsoInstant } from '../calendar/london-time.js';
import { InvalidInputError } from '../errors/invalid-input.js';
import { shortFingerprint } from '../records/fingerprint.js';
import { CHANGE_COMMENT_MAX_LENGTH } from '../records/record.js';
import { namesText } from './agenda-card.js';
import { executeAction } from './card-actions.js';

export interface SignatureCardInput {
  recordId: string;
  version: number;
  /** What the record is, e.g. 'Supervision record' (RECORD_KIND_TITLES). */
  kindTitle: string;
  /** The session's start (absent for a contract without a session). */
  sessionStart?: IsoInstant;
  supervisorName: string;
  /** The fingerprint sent for signature. */
  sha256: string;
  /** 'draft': a change was asked for or the record was edited, so this card's request is withdrawn. */
  state: 'awaiting-signatures' | 'locked' | 'draft';
  signatories: { id: string; displayName: string }[];
  signatures: { userId: string; displayName: string; at: IsoInstant }[];
  /** Opens the record in the tab. */
  link: string;
  /** Whose card this is: it shows their own state and, when they are to sign, the buttons. */
  viewerId: string;
  /** When a newer version exists, the card says so. */
  latestVersion?: number;
}

export const SIGN_PROMPT = 'Read it in the app first. Sign only if the fingerprint shown there matches the one below.';

function heading(text: string, size: 'Large' | 'Medium' = 'Large'): TextBlock {
  return new TextBlock(text, { wrap: true, style: 'heading', size, weight: 'Bolder' });
}

function para(text: string, options: TextBlockOptions = {}): TextBlock {
  return new TextBlock(text, { wrap: true, ...options });
}

/** A line with people's names in it: a text run is shown as typed (no Markdown), as on the agenda card. */
function plain(text: string, spacing: 'None' | 'Small' | 'Default' = 'Default'): RichTextBlock {
  return new RichTextBlock({ inlines: [new TextRun(text)], spacing });
}

function titleOf(input: SignatureCardInput): string {
  if (input.state === 'locked') return `Signed and locked: ${input.kindTitle}`;
  if (input.state === 'draft') return 'Withdrawn: changes requested';
  return `Please sign: ${input.kindTitle}`;
}

/**
 * The request to sign one version of a record, as `viewerId` sees it: the session, the version and the
 * fingerprint being signed, who has signed and who is awaited, a link to read it in the app, and for a
 * signatory who has not signed yet "Sign" and "Request a change". It carries no case detail: the record is
 * read in the app. A locked or withdrawn request has no buttons.
 */
export function buildSignatureCard(input: SignatureCardInput): AdaptiveCard {
  if (!/^https?:\/\/\S+$/i.test(input.link)) throw new InvalidInputError('link', 'The record link must be a web address starting with https://');
  if (!/^[0-9a-f]{64}$/.test(input.sha256)) throw new InvalidInputError('sha256', 'The fingerprint must be 64 lower-case hex characters (SHA-256).');

  const title = titleOf(input);
  const mine = input.signatures.find((s) => s.userId === input.viewerId);
  const isSignatory = input.signatories.some((s) => s.id === input.viewerId);
  const newer = input.latestVersion !== undefined && input.latestVersion > input.version ? input.latestVersion : undefined;
  const canSign = input.state === 'awaiting-signatures' && isSignatory && !mine && newer === undefined;

  const body: CardElementArray = [heading(title)];

  // The viewer's own state first.
  if (input.state === 'draft') {
    body.push(
      para(
        `This request to sign version ${input.version} is withdrawn: a change was asked for or the record was edited. Nobody can sign it now; you will get a new card when it is sent again.`,
        {
          weight: 'Bolder',
          color: 'Warning',
        },
      ),
    );
  } else if (mine) {
    body.push(para(`You signed at ${formatLondonDateTime(mine.at)}.`, { weight: 'Bolder', color: 'Good' }));
  } else if (canSign) {
    body.push(para('Your signature is needed.', { weight: 'Bolder', color: 'Attention' }), para(SIGN_PROMPT));
  } else if (input.state === 'awaiting-signatures' && !isSignatory) {
    body.push(para('You are not asked to sign this record.', { isSubtle: true }));
  }
  if (input.state === 'locked') {
    body.push(para(`Locked with every signature: version ${input.version} can no longer change. A change would start version ${input.version + 1}.`, { color: 'Good' }));
  }
  if (newer !== undefined) {
    body.push(para(`There is a newer version (version ${newer}). Open the record in the app to read the latest.`, { weight: 'Bolder', color: 'Warning' }));
  }

  const facts = new FactSet();
  if (input.sessionStart !== undefined) facts.facts.push(new Fact('Session', sessionTimeText(input.sessionStart)));
  facts.facts.push(new Fact('Version', String(input.version)), new Fact('Fingerprint', shortFingerprint(input.sha256)));
  body.push(facts, plain(`Supervisor: ${input.supervisorName}`, 'Small'));
  body.push(para('Full fingerprint (SHA-256)', { size: 'Small', isSubtle: true, spacing: 'Small' }), para(input.sha256, { size: 'Small', fontType: 'Monospace', spacing: 'None' }));

  if (input.state !== 'draft') {
    body.push(heading('Signatures', 'Medium'));
    if (input.signatures.length === 0) body.push(para('Nobody has signed yet.', { isSubtle: true }));
    for (const s of input.signatures) body.push(plain(`\u2713 ${s.displayName} signed at ${formatLondonDateTime(s.at)}`, 'Small'));
    const awaited = input.signatories.filter((p) => !input.signatures.some((s) => s.userId === p.id));
    if (input.state === 'awaiting-signatures' && awaited.length > 0) body.push(plain(`Still to sign: ${namesText(awaited.map((p) => p.displayName))}`));
  }

  const actions = [new OpenUrlAction(input.link, { title: 'Read it in the app' })];
  const card = new AdaptiveCard(...body);
  if (canSign) {
    const changeCard = new AdaptiveCard(
      new TextInput({
        id: 'comment',
        label: 'What should change?',
        placeholder: 'Say what is wrong or missing. Use initials or a case reference, never a child\u2019s name.',
        maxLength: CHANGE_COMMENT_MAX_LENGTH,
        isMultiline: true,
        isRequired: true,
        errorMessage: 'Say what should change.',
      }),
    ).withActions(executeAction('Send the request', { action: 'record.requestChange', recordId: input.recordId, version: input.version, sha256: input.sha256 }));
    card.withActions(
      ...actions,
      executeAction('Sign', { action: 'record.sign', recordId: input.recordId, version: input.version, sha256: input.sha256 }, { style: 'positive', associatedInputs: 'none' }),
      new ShowCardAction({ title: 'Request a change', card: changeCard }),
    );
  } else {
    card.withActions(...actions);
  }

  const when = input.sessionStart === undefined ? '' : ` (supervision on ${sessionTimeText(input.sessionStart)})`;
  const next =
    input.state === 'draft'
      ? 'nothing to sign now'
      : input.state === 'locked'
        ? 'signed by everyone'
        : canSign
          ? 'open it in Teams to read and sign it'
          : 'open it in Teams to see who has signed';
  return card.withVersion('1.5').withFallbackText(`${title}, version ${input.version}${when}: ${next}.`);
}
