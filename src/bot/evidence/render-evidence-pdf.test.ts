import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { EvidencePack, SuperviseeEvidence } from '../../shared/compliance/evidence-pack.js';
import { pdfText, renderEvidencePdf } from './render-evidence-pdf.js';

const summary: EvidencePack['summary'] = {
  supervisees: 0,
  sessionsRequired: 0,
  requiredWindowsMet: 0,
  sessionsHeld: 0,
  recordsLocked: 0,
  recordsAwaitingSignature: 0,
  contractsSigned: 0,
  actionsAgreed: 0,
  actionsDone: 0,
  actionsOverdue: 0,
  decisions: 0,
  decisionsConfirmedInTime: 0,
  decisionsConfirmedLate: 0,
  decisionsNotConfirmed: 0,
};

const supervisee = (id: string, name: string, more: Partial<SuperviseeEvidence> = {}): SuperviseeEvidence => ({
  arrangementId: id,
  schoolId: 'school',
  superviseeId: `p-${id}`,
  superviseeName: name,
  superviseeRole: 'teacher',
  supervisorName: 'Ada Jones',
  cadence: 'once each half term',
  arrangementStatus: 'active',
  sessionsRequired: 1,
  requiredWindowsMet: 1,
  sessionsHeld: 1,
  recordsLocked: 1,
  recordsAwaitingSignature: 0,
  actionsAgreed: 0,
  actionsDone: 0,
  actionsOverdue: 0,
  decisions: 0,
  decisionsConfirmedInTime: 0,
  ...more,
});

const pack = (more: Partial<EvidencePack> = {}): EvidencePack => ({
  range: { from: '2026-01-01', to: '2026-03-31' },
  generatedAt: '2026-04-01T09:00:00Z',
  scope: { label: 'The whole trust' },
  caseDetail: { included: false },
  decisionRecordHours: 24,
  summary,
  supervisees: [],
  sessions: [],
  contracts: [],
  decisions: [],
  actions: [],
  ...more,
});

/** The PDF's text, line by line, as pdfjs reads it, and whether every piece of text lies inside its page. */
async function read(pdf: Buffer): Promise<{ lines: string[]; outside: string[] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  const lines: string[] = [];
  const outside: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [, , w, h] = page.view;
    let line = '';
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue;
      const x = item.transform[4] as number;
      const y = item.transform[5] as number;
      if (x < 0 || x + item.width > (w as number) + 0.5 || y < 0 || y > (h as number)) outside.push(item.str);
      line += item.str;
      if (item.hasEOL) {
        lines.push(line.trim());
        line = '';
      }
    }
    if (line.trim()) lines.push(line.trim());
  }
  await doc.destroy();
  return { lines, outside };
}

describe('pdfText: text for the PDF’s built-in Helvetica (WinAnsi)', () => {
  it('keeps WinAnsi text as it is', () => {
    expect(pdfText('Siân Llewelyn-Jones, Zoë O’Brien, François, Šárka – 50 €')).toBe('Siân Llewelyn-Jones, Zoë O’Brien, François, Šárka – 50 €');
  });

  it('transliterates letters outside WinAnsi, the same way every time', () => {
    expect(pdfText('Łukasz Żółć')).toBe('Lukasz Zólc');
    expect(pdfText('Ŵyn ap Siôn, Dafydd ŷ Gŵr')).toBe('Wyn ap Siôn, Dafydd y Gwr');
    expect(pdfText('Ștefan Țăran')).toBe('Stefan Taran');
    expect(pdfText('İlkay Yıldız')).toBe('Ilkay Yildiz');
    expect(pdfText('Nguyễn Thị Minh Đức')).toBe('Nguyen Thi Minh Duc');
    expect(pdfText('Γιώργος Παπαδόπουλος')).toBe('Giorgos Papadopoulos');
    expect(pdfText('Жанна Кузьмина, Юрій')).toBe("Zhanna Kuz'mina, Yuriy");
    expect(pdfText('Sia\u0302n')).toBe('Siân'); // decomposed: letter then combining accent
  });

  it('spells other scripts and emoji in Latin letters; what has no spelling shows as its code point, never ? and never dropped', () => {
    expect(pdfText('张伟')).toBe('ZhangWei');
    expect(pdfText('Zoë 😀')).toBe('Zoë :grinning:');
    expect(pdfText('a\uE000b')).toBe('a[U+E000]b');
    expect(pdfText('a\u0000b\u0085c')).toBe('a b c');
  });
});

describe('renderEvidencePdf', () => {
  it('prints staff names outside WinAnsi readably (not as ? or junk), and says how they were printed', async () => {
    const names = ['Łukasz Żółć', 'Ŵyn ap Siôn', 'Ștefan Ionescu', 'İlkay Yıldız', 'Nguyễn Thị Minh', 'Γιώργος', 'Жанна Кузьмина', '张伟', 'Zoë 😀'];
    const { lines } = await read(await renderEvidencePdf(pack({ supervisees: names.map((n, i) => supervisee(`a${i}`, n)) })));
    const text = lines.join('\n');
    for (const expected of ['Lukasz Zólc', 'Wyn ap Siôn', 'Stefan Ionescu', 'Ilkay Yildiz', 'Nguyen Thi Minh', 'Giorgos', "Zhanna Kuz'mina", 'ZhangWei', 'Zoë :grinning:'])
      expect(text).toContain(`${expected} (teacher)`);
    expect(text).not.toContain('?');
    expect(text).toMatch(/spelt in Latin letters/);
  });

  it('shows when an ended arrangement ended', async () => {
    const { lines } = await read(
      await renderEvidencePdf(
        pack({ supervisees: [supervisee('a1', 'Liam Brown', { arrangementStatus: 'ended', arrangementEndedOn: '2026-02-13' }), supervisee('a2', 'Mia Cole')] }),
      ),
    );
    expect(lines.join('\n')).toContain('Liam Brown (teacher), supervised by Ada Jones, once each half term (ended 2026-02-13)');
    expect(lines.join('\n')).toContain('Mia Cole (teacher), supervised by Ada Jones, once each half term');
  });

  it('wraps very long names and reasons inside the page', async () => {
    const long = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(12);
    const { lines, outside } = await read(
      await renderEvidencePdf(
        pack({
          caseDetail: { included: true, reason: `Ofsted ${long} sample `.repeat(4) },
          supervisees: [supervisee('a1', long, { supervisorName: `${long} ${long}` })],
        }),
      ),
    );
    expect(outside).toEqual([]);
    expect(lines.join('')).toContain(long.slice(0, 100));
  });

  it('renders a pack with no supervisees over a single day', async () => {
    const { lines } = await read(await renderEvidencePdf(pack({ range: { from: '2026-03-10', to: '2026-03-10' } })));
    expect(lines).toContain('Range: 2026-03-10 (one day)');
    expect(lines).toContain('No supervision arrangements in this range.');
    expect(lines).toContain('Evidence pack 2026-03-10 to 2026-03-10 - page 1 of 1');
  });
});
