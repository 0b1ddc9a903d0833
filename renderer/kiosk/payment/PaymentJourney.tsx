/**
 * Placeholder until the payment journey lands (the payments work overwrites this file). It keeps the
 * "Pay a bill" tile honest: it says paying is not available here yet.
 */
import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../components/ScreenLayout';
import type { PaymentJourneyProps } from '../payment-slot';

export function PaymentJourney({ onFinished }: PaymentJourneyProps) {
  const { t } = useTranslation('kiosk');
  return (
    <ScreenLayout title={t('home.payments')} intro={t('payment.unavailable')}>
      <button type="button" className="button" onClick={onFinished}>
        {t('ticket.finish')}
      </button>
    </ScreenLayout>
  );
}
