import anyAscii from 'any-ascii';
/**
 * The evidence pack's file name: what it covers, so two exports for different schools or dates never share
 * one ('evidence-pack_oakfield-academy_2026-01-01_2026-12-03.pdf'). ASCII only, so every browser and
 * Content-Disposition reader keeps it as it is.
 */
export function evidencePackFileName(pack: { from: string; to: string; schoolName?: string | undefined; withCaseDetail: boolean; format: 'csv' | 'pdf' }): string {
  const school = pack.schoolName === undefined ? '' : slug(pack.schoolName);
  return ['evidence-pack', school, pack.from, pack.to, pack.withCaseDetail ? 'case-detail' : ''].filter(Boolean).join('_') + `.${pack.format}`;
}

/** 'St Mary’s C of E (Aided)' → 'st-marys-c-of-e-aided'; other letters in Latin (Łódź → lodz), at most 60 characters. */
function slug(name: string): string {
  return anyAscii(name.replace(/['’]/g, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
}
