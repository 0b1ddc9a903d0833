/**
 * The one CSV writer, for the server's exports and the screens' download buttons alike (docs/decisions.md
 * "CSV: one writer of our own").
 *
 * - RFC 4180: CRLF after every row; a field holding a comma, a double quote, CR or LF is quoted, with
 *   its quotes doubled.
 * - Formula injection (OWASP "CSV Injection", ASVS 1.2.10): a text field starting with = + - @, tab,
 *   CR, LF or NUL gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
 *   Numbers are never touched, and neither is text that is only a plain decimal number such as
 *   "-0.333" (fixed decimals): a spreadsheet reads that as the number it is, never as a formula.
 * - A UTF-8 byte order mark first, or Excel reads the file as the PC's code page ("19:00â€“20:00").
 */

/** A field: text, a number, or nothing (an empty field). */
export type CsvCell = string | number | null;

/** A row is a list of fields; an empty row is an empty line (to separate tables in one file). */
export type CsvRow = readonly CsvCell[];

export const byteOrderMark = '\uFEFF';

const formulaStart = /^[=+\-@\t\r\n\0]/;
const plainDecimal = /^-\d+(\.\d+)?$/;
const needsQuotes = /[",\r\n]/;

/** One field as written in the file. */
function csvField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = formulaStart.test(value) && !plainDecimal.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: byte order mark, then each row ended by CRLF. */
export function toCsv(rows: readonly CsvRow[]): string {
  return byteOrderMark + rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
