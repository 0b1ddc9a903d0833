import { downloadCsv, toCsv, type CsvRow } from './csv';

/** Downloads exactly the rows a report table shows (header first) as a CSV file. */
export function CsvButton({
  label,
  filename,
  rows,
}: {
  label: string;
  filename: string;
  rows: () => readonly CsvRow[];
}) {
  return (
    <button type="button" className="button" onClick={() => downloadCsv(filename, toCsv(rows()))}>
      {label}
    </button>
  );
}
