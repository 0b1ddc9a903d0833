import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../shared/useRequest';
import { downloadCsv } from '../../csv';
import { fetchDailyExport } from '../api';
import { pounds } from '../format';
import { toDateInput } from '../../period';

/** The day's file for the income management system, downloaded as CSV. */
export function DailyExport() {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  const [date, setDate] = useState(toDateInput(new Date()));
  const download = useAction();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('export.title')}</h2>
      <p>{t('export.intro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void download.run(async () => {
            const answer = await fetchDailyExport(date);
            if (!answer) return null;
            downloadCsv(answer.filename, answer.csv);
            return t('export.done', { count: answer.count, total: pounds(answer.totalPence), file: answer.filename });
          });
        }}
      >
        <label htmlFor={`${id}-date`}>{t('export.date')}</label>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        <button type="submit" className="button primary">
          {t('export.submit')}
        </button>
      </form>
      <div role="status">{download.message}</div>
    </section>
  );
}
