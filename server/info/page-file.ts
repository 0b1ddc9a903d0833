/**
 * Reads one information page file as a council officer writes it:
 *
 *     ---
 *     title: Repairs
 *     summary: Report a repair to your council home.
 *     url: https://www.example.gov.uk/repairs
 *     phone: 01223 457000
 *     reviewed: true
 *     ---
 *     - First key point
 *     - Second key point, which may go on
 *       over an indented second line
 *
 * Only `key: value` lines in the front matter (no nesting, no lists), so a tiny reader of our own is
 * enough and its messages can name the line. Values are checked by the zod schema afterwards.
 */

export interface PageFileProblem {
  line?: number;
  field?: string;
  message: string;
}

export interface RawPageFile {
  frontMatter: Record<string, string | number | boolean>;
  keyPoints: string[];
}

const booleanKeys = new Set(['reviewed']);
const numberKeys = new Set(['order']);

function unquote(value: string): string {
  if (
    value.length >= 2 &&
    ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))
  )
    return value.slice(1, -1);
  return value;
}

function typedValue(key: string, value: string): string | number | boolean {
  if (booleanKeys.has(key)) {
    if (value === 'true' || value === 'yes') return true;
    if (value === 'false' || value === 'no') return false;
  }
  if (numberKeys.has(key) && /^-?\d+$/.test(value)) return Number(value);
  return value;
}

export function readPageFile(text: string): { page: RawPageFile } | { problem: PageFileProblem } {
  // Files saved on Windows or with a byte-order mark read the same.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---')
    return {
      problem: {
        line: 1,
        message: 'a page starts with a line of three dashes (---), then title, summary and the other fields',
      },
    };
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0)
    return { problem: { message: 'the fields at the top are not closed with a line of three dashes (---)' } };

  const frontMatter: Record<string, string | number | boolean> = {};
  for (let i = 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const match = /^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$/.exec(line.trim());
    if (!match)
      return { problem: { line: i + 1, message: `expected "name: value", found "${line.trim().slice(0, 40)}"` } };
    const key = match[1] as string;
    if (key in frontMatter) return { problem: { line: i + 1, field: key, message: `"${key}" is given twice` } };
    frontMatter[key] = typedValue(key, unquote((match[2] ?? '').trim()));
  }

  const keyPoints: string[] = [];
  for (let i = end + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const bullet = /^\s{0,3}[-*•]\s+(.*)$/.exec(line);
    if (bullet) {
      keyPoints.push((bullet[1] ?? '').trim());
    } else if (/^\s+\S/.test(line) && keyPoints.length > 0) {
      keyPoints[keyPoints.length - 1] = `${keyPoints[keyPoints.length - 1]} ${line.trim()}`;
    } else {
      return {
        problem: {
          line: i + 1,
          field: 'keyPoints',
          message: `key points are a list: start each with "- " (found "${line.trim().slice(0, 40)}")`,
        },
      };
    }
  }
  if (keyPoints.length === 0)
    return {
      problem: {
        field: 'keyPoints',
        message: 'the page has no key points: add at least one line starting with "- " below the fields',
      },
    };
  return { page: { frontMatter, keyPoints } };
}
