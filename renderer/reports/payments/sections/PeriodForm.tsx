import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** YYYY-MM-DD, both days included. */
  from: string;
  to: string;
  onFrom: (date: string) => void;
  onTo: (date: string) => void;
  /** Show (again) the chosen period. */
  onShow: () => void;
}

export function PeriodForm({ from, to, onFrom, onTo, onShow }: Props) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  return (
    <form
      className="period"
      onSubmit={(event) => {
        event.preventDefault();
        onShow();
      }}
    >
      <div className="custom-range">
        <label htmlFor={`${id}-from`}>{t('from')}</label>
        <input id={`${id}-from`} type="date" value={from} max={to} onChange={(e) => onFrom(e.target.value)} />
        <label htmlFor={`${id}-to`}>{t('to')}</label>
        <input id={`${id}-to`} type="date" value={to} min={from} onChange={(e) => onTo(e.target.value)} />
        <button type="submit" className="button primary">
          {t('show')}
        </button>
      </div>
    </form>
  );
}
