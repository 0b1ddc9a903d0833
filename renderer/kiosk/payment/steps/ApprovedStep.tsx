import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../../contract/payments';
import { AutoReturn } from '../../components/AutoReturn';
import { ScreenLayout } from '../../components/ScreenLayout';
import { useKioskSetup } from '../../setup';
import { formatMoney } from '../money';
import { FinishButton } from './shared';

interface Props {
  payment: Payment;
  language: string;
  onFinished: () => void;
  onFeedback: () => void;
}

/** Paid: the receipt's number and how its printing went; back to the start once it has printed. */
export function ApprovedStep({ payment, language, onFinished, onFeedback }: Props) {
  const { t } = useTranslation('payment');
  const { params, offers } = useKioskSetup();
  const printed = payment.state === 'receipt-printed';
  const receiptText = printed
    ? t('result.approved.takeReceipt')
    : payment.receiptProblem
      ? t('result.approved.noReceipt', { number: payment.receiptNumber ?? '' })
      : t('result.approved.printing');
  return (
    <ScreenLayout
      title={t('result.approved.title')}
      intro={t('result.approved.text', { amount: formatMoney(payment.amountPence, language) })}
      summary={receiptText}
    >
      <ul className="result-facts">
        <li>
          {t('result.approved.receiptNumber')} <bdi dir="ltr">{payment.receiptNumber}</bdi>
        </li>
        {payment.authCode ? (
          <li>
            {t('result.approved.authCode')} <bdi dir="ltr">{payment.authCode}</bdi>
          </li>
        ) : null}
      </ul>
      <div role="status" className={`notice ${payment.receiptProblem ? 'notice--error' : 'notice--success'}`}>
        <p className="print-status">{receiptText}</p>
      </div>
      <div className="actions">
        {offers.includes('feedback') ? (
          <button type="button" className="button button--secondary" onClick={onFeedback}>
            {t('feedback:offer')}
          </button>
        ) : null}
        <FinishButton onFinished={onFinished} />
      </div>
      {printed ? <AutoReturn seconds={params.returnSeconds} onExpire={onFinished} /> : null}
    </ScreenLayout>
  );
}
