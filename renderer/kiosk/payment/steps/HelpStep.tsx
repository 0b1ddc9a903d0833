import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../../components/ScreenLayout';
import type { CardPayment } from '../payment-journey';
import { FinishButton, shortId } from './shared';

/** Ask a member of staff, quoting the receipt number (or the payment's short id when there is none). */
export function HelpStep({ card, onFinished }: { card: CardPayment; onFinished: () => void }) {
  const { t } = useTranslation('payment');
  const number =
    card.stage.kind === 'finished'
      ? (card.stage.payment.receiptNumber ?? shortId(card.stage.payment.id))
      : shortId(card.id);
  return (
    <ScreenLayout title={t('help.title')} intro={t('help.text')}>
      <p className="entry-hint">
        {t('help.quote')}{' '}
        <bdi dir="ltr" className="amount-big">
          {number}
        </bdi>
      </p>
      <div className="actions">
        <FinishButton onFinished={onFinished} />
      </div>
    </ScreenLayout>
  );
}
