import { describe, expect, it } from 'vitest';
import { byteOrderMark, toCsv, type CsvRow } from '../../contract/csv.js';

/** The file without its byte order mark. */
const body = (rows: readonly CsvRow[]) => {
  const csv = toCsv(rows);
  expect(csv.startsWith(byteOrderMark)).toBe(true);
  return csv.slice(byteOrderMark.length);
};

/** Reads RFC 4180 text back into fields, as a spreadsheet does (CRLF rows, quoted fields, "" for "). */
function read(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  expect(quoted, 'a quoted field is never left open').toBe(false);
  expect(row.length === 0 && field === '', 'every row ends with CRLF').toBe(true);
  return rows;
}

describe('the CSV writer', () => {
  it('starts with a UTF-8 byte order mark, so Excel shows an en dash as an en dash', () => {
    const csv = toCsv([['hour'], ['19:00–20:00']]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe('\uFEFFhour\r\n19:00–20:00\r\n');
  });

  it('ends every row with CRLF, also the last, and writes an empty row as an empty line', () => {
    expect(body([['a', 'b'], [], ['c']])).toBe('a,b\r\n\r\nc\r\n');
    expect(body([])).toBe('');
  });

  it('leaves plain fields unquoted', () => {
    expect(body([['Council tax', 'kiosk-1', '2026-11-27', '10:00:03', 'Rent (weekly)']])).toBe(
      'Council tax,kiosk-1,2026-11-27,10:00:03,Rent (weekly)\r\n',
    );
  });

  it('quotes a field holding a comma, a quote, CR or LF, doubling its quotes', () => {
    expect(body([['a,b']])).toBe('"a,b"\r\n');
    expect(body([['say "hi"']])).toBe('"say ""hi"""\r\n');
    expect(body([['line one\nline two']])).toBe('"line one\nline two"\r\n');
    expect(body([['line one\rline two']])).toBe('"line one\rline two"\r\n');
    expect(body([['line one\r\nline two']])).toBe('"line one\r\nline two"\r\n');
  });

  it('reads back as the same fields and rows', () => {
    const rows = [
      ['name', 'comment', 'count'],
      ['Smith, J', 'He said "fine"\r\nthen left', '3'],
      ['', 'ąłń 中文 العربية', '0'],
    ];
    expect(read(body(rows))).toEqual(rows);
  });

  it('writes nothing for an empty value, and keeps an empty string empty', () => {
    expect(body([[null, '', 'x', null]])).toBe(',,x,\r\n');
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    const guarded = ['=1+2', '+1+2', '-1+2', '@SUM(A1:A2)', '\tTAB', '\rCR', '\nLF', '\0NUL'];
    const written = read(body([guarded]))[0];
    expect(written).toEqual(guarded.map((text) => `'${text}`));
    expect(body([['=HYPERLINK("http://x.example","click")']])).toBe(
      `"'=HYPERLINK(""http://x.example"",""click"")"\r\n`,
    );
    expect(body([["=cmd|' /C calc'!A0"]])).toBe(`'=cmd|' /C calc'!A0\r\n`);
  });

  it('guards only the start of a field: an = or - inside text is left alone', () => {
    expect(body([['a=b', 'Mary-Jane', 'x@example.org', "O'Brien"]])).toBe("a=b,Mary-Jane,x@example.org,O'Brien\r\n");
  });

  it('writes numbers as numbers, negative ones too, and a plain negative decimal in text unchanged', () => {
    expect(body([[-12.5, 0, 42, -0.333, 1e21]])).toBe('-12.5,0,42,-0.333,1e+21\r\n');
    expect(body([['-0.333', '-5', '1.000']])).toBe('-0.333,-5,1.000\r\n');
    // Text that only starts like a number is still guarded.
    expect(body([['-5+1', '-1e5', '-', '-.5']])).toBe("'-5+1,'-1e5,'-,'-.5\r\n");
  });
});
