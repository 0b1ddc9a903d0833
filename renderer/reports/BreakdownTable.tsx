import { useTranslation } from 'react-i18next';
import type { WaitStandardBreakdown } from '../../contract/queue';
import { formatDuration } from '../shared/waitLevel';
import { CsvButton } from './CsvButton';

const columns = [
  'tickets',
  'withinTarget',
  'breaches',
  'left',
  'pending',
  'percentWithinTarget',
  'medianWaitSeconds',
  'p90WaitSeconds',
  'longestWaitSeconds',
] as const;
const durations = new Set<string>(['medianWaitSeconds', 'p90WaitSeconds', 'longestWaitSeconds']);

const percentFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
/** The server gives one decimal (66.7); shown as it is, "–" when nothing was decided yet. */
export function formatPercent(value: number | null): string {
  return value === null ? '–' : `${percentFormat.format(value)} %`;
}
const formatSeconds = (value: number | null) => (value === null ? '–' : formatDuration(value));

/** One row per service or per hour, the same figures as the headline, and a CSV of exactly this table. */
export function BreakdownTable({
  id,
  caption,
  keyHeading,
  rows,
  label,
  csvName,
}: {
  id: string;
  caption: string;
  keyHeading: string;
  rows: WaitStandardBreakdown[];
  label: (key: string) => string;
  csvName: string;
}) {
  const { t } = useTranslation('reports');
  const heading = (column: (typeof columns)[number]) => t(`columns.${column}`);

  function csvRows() {
    // Seconds and percentages stay plain numbers in the file, for spreadsheets.
    const header = [
      keyHeading,
      ...columns.map((column) =>
        durations.has(column) ? t('csvSeconds', { column: heading(column) }) : heading(column),
      ),
    ];
    return [header, ...rows.map((row) => [label(row.key), ...columns.map((column) => row[column])])];
  }

  return (
    <div className="breakdown">
      <table id={id} className="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeading}</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {heading(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{label(row.key)}</th>
              {columns.map((column) => (
                <td key={column}>
                  {column === 'percentWithinTarget'
                    ? formatPercent(row[column])
                    : durations.has(column)
                      ? formatSeconds(row[column])
                      : row[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <CsvButton label={t('downloadCsv', { table: caption })} filename={csvName} rows={csvRows} />
    </div>
  );
}
