import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../shared/useRequest';
import { reprintReceipt } from '../api';

/** Reprint a receipt by its number (printed as a duplicate). */
export function Reprint() {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  const [number, setNumber] = useState('');
  const reprint = useAction();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('reprint.title')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void reprint.run(async () => {
            const answer = await reprintReceipt(number.trim());
            return answer?.printed ? t('reprint.printed') : t('reprint.failed', { detail: answer?.detail ?? '' });
          });
        }}
      >
        <label htmlFor={`${id}-number`}>{t('reprint.number')}</label>
        <input
          id={`${id}-number`}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder="kiosk-1-000042"
          required
        />
        <button type="submit" className="button primary">
          {t('reprint.submit')}
        </button>
      </form>
      <div role="status">{reprint.message}</div>
    </section>
  );
}
