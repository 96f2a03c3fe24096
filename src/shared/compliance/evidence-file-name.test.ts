import { describe, expect, it } from 'vitest';
import { evidencePackFileName } from './evidence-file-name.js';

describe('evidencePackFileName', () => {
  const range = { from: '2026-01-01', to: '2026-12-03' };

  it('names the whole trust’s pack by its dates alone', () => {
    expect(evidencePackFileName({ ...range, withCaseDetail: false, format: 'csv' })).toBe('evidence-pack_2026-01-01_2026-12-03.csv');
  });

  it('names one school’s pack by the school too, so two schools’ packs of the same dates differ', () => {
    const oak = evidencePackFileName({ ...range, schoolName: 'Oakfield Academy', withCaseDetail: false, format: 'pdf' });
    const river = evidencePackFileName({ ...range, schoolName: 'Riverside Primary', withCaseDetail: false, format: 'pdf' });
    expect(oak).toBe('evidence-pack_oakfield-academy_2026-01-01_2026-12-03.pdf');
    expect(river).not.toBe(oak);
  });

  it('keeps a school name to plain letters and digits: apostrophes, accents and brackets go', () => {
    expect(evidencePackFileName({ ...range, schoolName: 'St Mary’s C of E (Aided)', withCaseDetail: false, format: 'csv' })).toBe(
      'evidence-pack_st-marys-c-of-e-aided_2026-01-01_2026-12-03.csv',
    );
    expect(evidencePackFileName({ ...range, schoolName: 'École Saint-Éloi', withCaseDetail: false, format: 'csv' })).toBe(
      'evidence-pack_ecole-saint-eloi_2026-01-01_2026-12-03.csv',
    );
    expect(evidencePackFileName({ ...range, schoolName: 'Ysgol Gymraeg Aberystwyth'.repeat(4), withCaseDetail: false, format: 'csv' }).length).toBeLessThan(110);
  });

  it('spells a name in another script in Latin letters, leaves out one with nothing to keep, and says when the pack holds case detail', () => {
    expect(evidencePackFileName({ ...range, schoolName: '学校', withCaseDetail: true, format: 'pdf' })).toBe('evidence-pack_xuexiao_2026-01-01_2026-12-03_case-detail.pdf');
    expect(evidencePackFileName({ ...range, schoolName: '\uE000 — ', withCaseDetail: true, format: 'pdf' })).toBe('evidence-pack_2026-01-01_2026-12-03_case-detail.pdf');
  });
});

describe('evidencePackFileName: letters that Unicode does not split into letter and accent', () => {
  it('keeps them as their plain letters rather than dropping them', () => {
    const name = (schoolName: string) => evidencePackFileName({ from: '2026-01-01', to: '2026-12-03', schoolName, withCaseDetail: false, format: 'csv' });
    expect(name('Szkoła Łódź')).toBe('evidence-pack_szkola-lodz_2026-01-01_2026-12-03.csv');
    expect(name('Søndre Ærø Straße')).toBe('evidence-pack_sondre-aero-strasse_2026-01-01_2026-12-03.csv');
    expect(name('Ysgol Gŵyr')).toBe('evidence-pack_ysgol-gwyr_2026-01-01_2026-12-03.csv');
  });
});
