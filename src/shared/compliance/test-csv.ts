// For tests: reads RFC 4180 CSV back, so the evidence pack's CSV is checked by parsing, not by matching text.

/** Every row of the text as fields: quoted fields may hold commas, doubled quotes and line ends. A leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') endField();
    else if (c === '\r' && src[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`a bare line end at ${i} (RFC 4180 ends lines with CRLF)`);
    else field += c;
  }
  if (quoted) throw new Error('an unterminated quoted field');
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** The evidence CSV's sections as objects keyed by their header row (empty lines between sections skipped). */
export function csvSections(text: string): Map<string, Record<string, string>[]> {
  const out = new Map<string, Record<string, string>[]>();
  let header: string[] = [];
  for (const row of parseCsv(text)) {
    if (row.length === 1 && row[0] === '') continue;
    if (row[0] === 'section') {
      header = row;
      continue;
    }
    const name = row[0] ?? '';
    if (row.length !== header.length) throw new Error(`a ${name} row has ${row.length} fields, its header ${header.length}`);
    out.set(name, [...(out.get(name) ?? []), Object.fromEntries(header.map((h, i) => [h, row[i] ?? '']))]);
  }
  return out;
}
