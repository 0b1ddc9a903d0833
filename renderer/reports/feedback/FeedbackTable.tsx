import { useTranslation } from 'react-i18next';
import type { FeedbackTally } from '../../../contract/feedback';
import { CsvButton } from '../CsvButton';
import { formatNetSatisfaction } from './format';

const counts = ['good', 'average', 'poor', 'all'] as const;

/** One row per slice (touchpoint, service, day, wait target, hour): counts and net satisfaction, plus its CSV. */
export function FeedbackTable({
  caption,
  keyHeading,
  rows,
  label,
  csvName,
}: {
  caption: string;
  keyHeading: string;
  rows: FeedbackTally[];
  label: (key: string) => string;
  csvName: string;
}) {
  const { t } = useTranslation('reports-feedback');

  function csvRows() {
    const header = [keyHeading, ...counts.map((c) => t(`columns.${c}`)), t('columns.netSatisfaction')];
    // Net satisfaction stays a plain number in the file, for spreadsheets.
    return [
      header,
      ...rows.map((row) => [
        label(row.key),
        ...counts.map((c) => row[c]),
        row.netSatisfaction === null ? null : Number(row.netSatisfaction.toFixed(3)),
      ]),
    ];
  }

  return (
    <div className="breakdown">
      <table className="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeading}</th>
            {counts.map((c) => (
              <th scope="col" key={c}>
                {t(`columns.${c}`)}
              </th>
            ))}
            <th scope="col">{t('columns.netSatisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{label(row.key)}</th>
              {counts.map((c) => (
                <td key={c}>{row[c]}</td>
              ))}
              <td>{formatNetSatisfaction(row.netSatisfaction)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CsvButton label={t('downloadCsv', { table: caption })} filename={csvName} rows={csvRows} />
    </div>
  );
}
