import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportRow } from '../../../../contract/payments';
import { pounds } from '../format';

export function PeriodTotals({ total }: { total: ReportRow }) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  return (
    <section aria-labelledby={`${id}-total`}>
      <h2 id={`${id}-total`}>{t('total.title')}</h2>
      <dl className="figures">
        <div>
          <dt>{t('columns.approvedPence')}</dt>
          <dd data-testid="approved-total">{pounds(total.approvedPence)}</dd>
        </div>
        <div>
          <dt>{t('columns.approvedCount')}</dt>
          <dd data-testid="approved-count">{total.approvedCount}</dd>
        </div>
        <div>
          <dt>{t('columns.declined')}</dt>
          <dd>{total.declined}</dd>
        </div>
        <div>
          <dt>{t('columns.cancelled')}</dt>
          <dd>{total.cancelled}</dd>
        </div>
        <div>
          <dt>{t('columns.unknown')}</dt>
          <dd data-testid="unknown-count">{total.unknown}</dd>
        </div>
      </dl>
    </section>
  );
}
