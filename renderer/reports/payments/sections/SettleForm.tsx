import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../../contract/payments';
import type { Resolution } from '../api';
import { dateTime, pounds, shortId } from '../format';

interface Props {
  payment: Payment;
  onSettle: (paymentId: string, resolution: Resolution) => Promise<void>;
}

/** One unknown payment: what the terminal's journal says, what was checked, and for an approval its codes. */
export function SettleForm({ payment, onSettle }: Props) {
  const { t } = useTranslation('reports-payments');
  const id = useId();
  const [outcome, setOutcome] = useState<Resolution['outcome']>('declined');
  const [note, setNote] = useState('');
  const [authCode, setAuthCode] = useState('');
  const [cardScheme, setCardScheme] = useState('');
  const approved = outcome === 'approved';
  return (
    <li>
      <p>
        <strong>{pounds(payment.amountPence)}</strong> · {payment.kiosk} · {payment.type} · {payment.reference} ·{' '}
        {dateTime(payment.createdAt)} · <code>{shortId(payment.id)}</code>
      </p>
      <p>{payment.message}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void onSettle(payment.id, {
            outcome,
            note,
            ...(approved && authCode ? { authCode } : {}),
            ...(approved && cardScheme ? { cardScheme } : {}),
          });
        }}
      >
        <fieldset>
          <legend>{t('unknown.terminalSays')}</legend>
          {(['approved', 'declined'] as const).map((value) => (
            <label key={value} className="period-option">
              <input
                type="radio"
                name={`${id}-outcome`}
                value={value}
                checked={outcome === value}
                onChange={() => setOutcome(value)}
              />
              {t(`unknown.${value}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-note`}>{t('unknown.note')}</label>
        <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} required minLength={3} />
        {approved ? (
          <>
            <label htmlFor={`${id}-auth`}>{t('unknown.authCode')}</label>
            <input id={`${id}-auth`} value={authCode} onChange={(e) => setAuthCode(e.target.value)} />
            <label htmlFor={`${id}-scheme`}>{t('unknown.cardScheme')}</label>
            <input
              id={`${id}-scheme`}
              value={cardScheme}
              onChange={(e) => setCardScheme(e.target.value)}
              placeholder="VISA"
            />
          </>
        ) : null}
        <button type="submit" className="button primary">
          {t('unknown.settle')}
        </button>
      </form>
    </li>
  );
}
