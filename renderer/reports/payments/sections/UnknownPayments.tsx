import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction, useRequest } from '../../../shared/useRequest';
import { fetchUnknownPayments, settlePayment, type Resolution } from '../api';
import { SettleForm } from './SettleForm';

/** Payments whose outcome is unknown, each to settle once staff have checked the terminal's own journal. */
export function UnknownPayments({ onSettled }: { onSettled: () => void }) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  const unknown = useRequest('unknown', fetchUnknownPayments);
  const settling = useAction();
  const rows = unknown.data;

  const settle = (paymentId: string, resolution: Resolution) =>
    settling.run(async () => {
      await settlePayment(paymentId, resolution);
      unknown.reload();
      onSettled();
      return t('unknown.settled');
    });

  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('unknown.title')}</h2>
      <p>{t('unknown.intro')}</p>
      <div role="status">{unknown.error ?? settling.message}</div>
      {rows === null ? null : rows.length === 0 ? (
        <p>{t('unknown.none')}</p>
      ) : (
        <ul className="unknown-payments">
          {rows.map((payment) => (
            <SettleForm key={payment.id} payment={payment} onSettle={settle} />
          ))}
        </ul>
      )}
    </section>
  );
}
