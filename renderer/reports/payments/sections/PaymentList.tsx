import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../../contract/payments';
import { dateTime, pounds } from '../format';

export function PaymentList({ payments }: { payments: Payment[] }) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('list.title')}</h2>
      {payments.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('columns.time')}</th>
              <th scope="col">{t('columns.kiosk')}</th>
              <th scope="col">{t('columns.type')}</th>
              <th scope="col">{t('columns.reference')}</th>
              <th scope="col">{t('columns.amount')}</th>
              <th scope="col">{t('columns.outcome')}</th>
              <th scope="col">{t('columns.receipt')}</th>
              <th scope="col">{t('columns.card')}</th>
            </tr>
          </thead>
          <tbody>
            {payments.map((p) => (
              <tr key={p.id}>
                <td>{dateTime(p.createdAt)}</td>
                <td>{p.kiosk}</td>
                <td>{p.type}</td>
                <td>{p.reference}</td>
                <td>{pounds(p.amountPence)}</td>
                <td>{t(`outcome.${p.outcome}`)}</td>
                <td>{p.receiptNumber ?? '–'}</td>
                <td>{p.cardScheme ? `${p.cardScheme} ${p.lastFour ?? ''}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
