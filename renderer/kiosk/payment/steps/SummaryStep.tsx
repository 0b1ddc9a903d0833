import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../../components/ScreenLayout';
import { formatMoney } from '../money';
import { amountToPay, type Entry, type JourneyAction } from '../payment-journey';
import { BackButton, CancelButton, useTypeName } from './shared';

interface Props {
  entry: Entry;
  language: string;
  dispatch: Dispatch<JourneyAction>;
  onPay: () => void;
  onCancel: () => void;
}

/** Everything entered, once more, before the card: the last point where Back and Cancel are offered. */
export function SummaryStep({ entry, language, dispatch, onPay, onCancel }: Props) {
  const { t } = useTranslation('payment');
  const typeName = useTypeName()(entry.type);
  const amount = formatMoney(amountToPay(entry) ?? 0, language);
  return (
    <ScreenLayout title={t('summary.title')} summary={`${typeName}. ${entry.reference}. ${amount}.`}>
      <dl className="summary">
        <dt>{t('summary.what')}</dt>
        <dd>{typeName}</dd>
        <dt>{t('summary.reference')}</dt>
        <dd>
          <bdi dir="ltr">{entry.reference}</bdi>
        </dd>
        <dt>{t('summary.amount')}</dt>
        <dd className="amount-big">{amount}</dd>
      </dl>
      <p>{t('summary.cardOnly')}</p>
      <div className="actions">
        <button type="button" className="button" onClick={onPay}>
          {t('summary.pay', { amount })}
        </button>
        <BackButton onBack={() => dispatch({ type: 'back' })} />
        <CancelButton onCancel={onCancel} />
      </div>
    </ScreenLayout>
  );
}
