import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reconciliation } from '../../../../contract/payments';
import { useAction } from '../../../shared/useRequest';
import { runEndOfDay } from '../api';
import { pounds } from '../format';

interface Props {
  /** Kiosks to suggest (those in the report). */
  kiosks: string[];
  onDone: () => void;
}

/** The terminal's end of day against the journal: whether they agree, and every difference. */
export function EndOfDay({ kiosks, onDone }: Props) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  const [kiosk, setKiosk] = useState('');
  const [result, setResult] = useState<Reconciliation | null>(null);
  const endOfDay = useAction();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('eod.title')}</h2>
      <p>{t('eod.intro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void endOfDay.run(async () => {
            setResult(null);
            setResult(await runEndOfDay(kiosk.trim()));
            onDone();
            return null;
          });
        }}
      >
        <label htmlFor={`${id}-kiosk`}>{t('eod.kiosk')}</label>
        <input
          id={`${id}-kiosk`}
          list={`${id}-kiosks`}
          value={kiosk}
          onChange={(e) => setKiosk(e.target.value)}
          required
        />
        <datalist id={`${id}-kiosks`}>
          {kiosks.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
        <button type="submit" className="button primary">
          {t('eod.submit')}
        </button>
      </form>
      <div role="status">{endOfDay.message}</div>
      {result ? <ReconciliationResult result={result} /> : null}
    </section>
  );
}

function ReconciliationResult({ result }: { result: Reconciliation }) {
  const { t } = useTranslation('reports-payments');
  return (
    <div className={`notice ${result.matched ? 'notice-success' : 'notice-error'}`} data-testid="reconciliation">
      <p>
        <strong>
          {result.matched ? t('eod.matched') : t('eod.differences', { count: result.differences.length })}
        </strong>
      </p>
      <p>
        {t('eod.totals', {
          terminalCount: result.terminal.count,
          terminalTotal: pounds(result.terminal.totalPence),
          journalCount: result.journal.count,
          journalTotal: pounds(result.journal.totalPence),
        })}
      </p>
      {result.differences.length > 0 ? (
        <ul>
          {result.differences.map((difference, index) => (
            <li key={index}>{difference.detail}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
