import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportRow } from '../../../../contract/payments';
import { pounds } from '../format';

interface Props {
  title: string;
  /** The heading of the first column: what each row is (type, day, kiosk). */
  keyHeading: string;
  rows: ReportRow[];
}

export function ReportTable({ title, keyHeading, rows }: Props) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{keyHeading}</th>
              <th scope="col">{t('columns.approvedCount')}</th>
              <th scope="col">{t('columns.approvedPence')}</th>
              <th scope="col">{t('columns.declined')}</th>
              <th scope="col">{t('columns.cancelled')}</th>
              <th scope="col">{t('columns.unknown')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.key}</th>
                <td>{row.approvedCount}</td>
                <td>{pounds(row.approvedPence)}</td>
                <td>{row.declined}</td>
                <td>{row.cancelled}</td>
                <td>{row.unknown}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
