import anyAscii from 'any-ascii';
import PDFDocument from 'pdfkit';
import { instantToLondon, type IsoInstant } from '../../shared/calendar/london-time.js';
import type { EvidencePack, SignatureEvidence } from '../../shared/compliance/evidence-pack.js';
import { RECORD_KIND_TITLES } from '../../shared/records/record.js';

const MARGIN = 48;
const TOP = 64; // room for the case-detail banner above the text
const GREY = '#555555';

/** A London wall time for people reading the pack: '2027-02-12 09:00'. */
export const londonTime = (i: IsoInstant | undefined): string => {
  if (!i) return '—';
  const t = instantToLondon(i);
  return `${t.date} ${t.time}`;
};

// The PDF's built-in Helvetica encodes WinAnsi only (pdfkit prints anything else as junk). Names outside it
// (Łukasz, Ŵyn, Ștefan, İlkay, Nguyễn, Γιώργος, Жанна, 张伟) are transliterated by any-ascii rather than set in
// an embedded wide font: none ships with the production dependencies, and downloading one at install or run
// time is ruled out. Never throws, never drops a letter silently: what any-ascii has no spelling for is
// printed as its code point, [U+5F20]. The title page says so, and the CSV export keeps every name exactly.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const inWinAnsi = (c: string) => (c >= ' ' && c <= '~') || (c >= '\u00a0' && c <= '\u00ff') || WIN_ANSI_EXTRA.includes(c);
const FORMAT_CHARACTER = /^[\p{Cf}\p{M}\uFE0F]$/u; // joiners, variation selectors, stray accents: no letter of their own

/** Text as the built-in Helvetica can print it: WinAnsi kept, the rest transliterated or shown as [U+XXXX]. */
export const pdfText = (text: string): string => {
  let out = '';
  // Greek ου is one sound, u (ELOT 743): Παπαδόπουλος → Papadopoulos, where letter by letter gives "oy".
  const source = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/([Οο])([Υυ\u03cd\u038e])/gu, (_, o: string, u: string) => o + (u === 'Υ' || u === '\u038e' ? 'U' : 'u'));
  for (const c of source) {
    if (c === '\n' || (inWinAnsi(c) && !(c >= '\u007f' && c <= '\u009f'))) out += c;
    else if (/^\p{Cc}$/u.test(c)) out += ' ';
    else {
      const latin = anyAscii(c);
      if (latin !== '') out += latin;
      else if (!FORMAT_CHARACTER.test(c)) out += `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;
    }
  }
  return out;
};

/** Whether pdfText changes the text beyond line ends (so the pack should say how names were printed). */
const needsTransliteration = (text: string) => pdfText(text) !== text.normalize('NFC').replace(/\r\n?/g, '\n');

const signed = (s: readonly SignatureEvidence[]) => (s.length ? s.map((g) => `${g.name} ${londonTime(g.at)}`).join(', ') : 'no signatures');

/**
 * The evidence pack as a PDF for an inspector or auditor (pdfkit, its built-in Helvetica): title, scope,
 * range, when generated, the summary figures, then one block per supervisee with their sessions, the
 * signatures and dates, the contract, actions and decision records. When the DSL included case detail, every
 * page carries a banner saying so, with their reason. Times are UK (London) wall times.
 */
export async function renderEvidencePdf(pack: EvidencePack): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: `Safeguarding supervision evidence pack ${pack.range.from} to ${pack.range.to}`,
      Author: 'Safeguarding supervision',
      CreationDate: new Date(pack.generatedAt),
      ModDate: new Date(pack.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const text = (t: string, opts: { size?: number; bold?: boolean; colour?: string; gap?: number } = {}) => {
    doc
      .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(opts.size ?? 9.5)
      .fillColor(opts.colour ?? 'black')
      .text(pdfText(t), MARGIN, undefined, { width });
    if (opts.gap) doc.moveDown(opts.gap);
  };
  const heading = (t: string) => {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(0.6);
    text(t, { size: 13, bold: true, gap: 0.2 });
  };

  // Title page and summary.
  text('Safeguarding supervision: evidence pack', { size: 18, bold: true, gap: 0.3 });
  text(`School: ${pack.scope.label}`, { size: 11 });
  text(pack.range.from === pack.range.to ? `Range: ${pack.range.from} (one day)` : `Range: ${pack.range.from} to ${pack.range.to}`, { size: 11 });
  text(`Generated at: ${londonTime(pack.generatedAt)} (UK time)`, { size: 11 });
  text(
    pack.caseDetail.included
      ? `Case detail: included at the designated safeguarding lead's request. Reason: ${pack.caseDetail.reason}`
      : 'Case detail: not included (no record answers, child references, concerns or action text).',
    { size: 10, colour: GREY, gap: 0.5 },
  );
  if (needsTransliteration(JSON.stringify(pack)))
    text(
      "Some names or text hold characters outside this PDF's font: they are spelt in Latin letters (Ł as L, Ж as Zh, 张 as Zhang) or, where there is no spelling, shown by their Unicode code point. The CSV export holds them exactly.",
      { size: 10, colour: GREY, gap: 0.5 },
    );

  const s = pack.summary;
  heading('Summary');
  for (const line of [
    `Supervisees: ${s.supervisees}`,
    `Sessions required: ${s.sessionsRequired}`,
    `Required periods with a session held: ${s.requiredWindowsMet}`,
    `Sessions held: ${s.sessionsHeld}`,
    `Records signed and locked: ${s.recordsLocked}`,
    `Records awaiting signature: ${s.recordsAwaitingSignature}`,
    `Contracts signed: ${s.contractsSigned}`,
    `Actions agreed: ${s.actionsAgreed}; done: ${s.actionsDone}; overdue: ${s.actionsOverdue}`,
    `Decision records: ${s.decisions}`,
    `Confirmed on the case system within ${pack.decisionRecordHours} h: ${s.decisionsConfirmedInTime}`,
    `Confirmed late: ${s.decisionsConfirmedLate}`,
    `Not confirmed: ${s.decisionsNotConfirmed}`,
  ])
    text(line, { size: 10.5 });

  heading('Supervisees');
  for (const p of pack.supervisees) {
    if (doc.y > doc.page.height - MARGIN - 120) doc.addPage();
    doc.moveDown(0.5);
    text(
      `${p.superviseeName} (${p.superviseeRole}), supervised by ${p.supervisorName}, ${p.cadence}${p.arrangementStatus === 'ended' ? (p.arrangementEndedOn ? ` (ended ${p.arrangementEndedOn})` : ' (ended)') : ''}`,
      {
        size: 11,
        bold: true,
      },
    );
    text(`Sessions required: ${p.sessionsRequired} | Held: ${p.sessionsHeld} | Required periods met: ${p.requiredWindowsMet}`);
    text(`Records locked: ${p.recordsLocked} | Awaiting signature: ${p.recordsAwaitingSignature}`);
    text(`Contract signed: ${londonTime(p.contractSignedAt)} | Review due: ${p.contractReviewDue ?? '—'}`);
    text(`Actions agreed: ${p.actionsAgreed} | Done: ${p.actionsDone} | Overdue: ${p.actionsOverdue}`);
    text(`Decision records: ${p.decisions} | Confirmed within ${pack.decisionRecordHours} h: ${p.decisionsConfirmedInTime}`);
    for (const x of pack.sessions.filter((x) => x.arrangementId === p.arrangementId)) {
      const record = x.recordKind ? `${RECORD_KIND_TITLES[x.recordKind]} v${x.recordVersion ?? 1} ${x.recordState}` : 'no record';
      text(`Session ${x.date} ${x.time}: ${record}${x.lockedAt ? ` ${londonTime(x.lockedAt)}` : ''}; signed: ${signed(x.signatures)}`, { colour: GREY });
      if (x.answers) for (const [q, a] of Object.entries(x.answers)) text(`    ${q}: ${a}`, { size: 8.5 });
    }
    for (const c of pack.contracts.filter((c) => c.arrangementId === p.arrangementId)) text(`Contract v${c.version} ${c.state}; signed: ${signed(c.signatures)}`, { colour: GREY });
    for (const d of pack.decisions.filter((d) => d.arrangementId === p.arrangementId)) {
      const child = d.childReference ? ` about ${d.childReference}` : '';
      text(`Decision${child} ${londonTime(d.decidedAt)}: confirmed on ${d.caseSystem} ${londonTime(d.confirmedAt)} (${d.status})`, { colour: GREY });
      if (d.concerns) text(`    Concerns: ${d.concerns}`, { size: 8.5 });
    }
    for (const a of pack.actions.filter((a) => a.arrangementId === p.arrangementId && a.text !== undefined))
      text(`    Action due ${a.dueDate}${a.done ? ' (done)' : a.overdue ? ' (overdue)' : ''}: ${a.text ?? ''}`, { size: 8.5 });
  }
  if (pack.supervisees.length === 0) text('No supervision arrangements in this range.');

  // Banner and page numbers on every page, drawn last (outside the margins, so no page is added).
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const { top, bottom } = doc.page.margins;
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    if (pack.caseDetail.included) {
      doc.rect(MARGIN, 18, width, 30).fill('#fde7e9');
      doc
        .font('Helvetica-Bold')
        .fontSize(9)
        .fillColor('#a4262c')
        .text(pdfText(`Contains case detail - reason: ${pack.caseDetail.reason}`), MARGIN + 6, 24, { width: width - 12, height: 22, ellipsis: true });
    }
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(GREY)
      .text(`Evidence pack ${pack.range.from} to ${pack.range.to} - page ${i + 1} of ${pages.count}`, MARGIN, doc.page.height - 30, { width, align: 'center', lineBreak: false });
    doc.page.margins.top = top;
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
