/** Pieces every step uses: the type's name in the resident's language, and the buttons that end a step. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentTypeView } from '../../../../contract/payments';

export function useTypeName(): (view: PaymentTypeView) => string {
  const { t } = useTranslation('payment');
  return useCallback((view: PaymentTypeView) => t(`types.${view.id}.name`, { defaultValue: view.name }), [t]);
}

/** The first eight characters of a payment id, for the resident to quote to staff. */
export const shortId = (id: string) => id.slice(0, 8).toUpperCase();

export function CancelButton({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation('payment');
  return (
    <button type="button" className="button button--secondary" onClick={onCancel}>
      {t('cancel')}
    </button>
  );
}

export function BackButton({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation('payment');
  return (
    <button type="button" className="button button--secondary" onClick={onBack}>
      {t('back')}
    </button>
  );
}

export function FinishButton({ onFinished }: { onFinished: () => void }) {
  const { t } = useTranslation('payment');
  return (
    <button type="button" className="button" onClick={onFinished}>
      {t('finish')}
    </button>
  );
}

export function HelpButton({ onHelp }: { onHelp: () => void }) {
  const { t } = useTranslation('payment');
  return (
    <button type="button" className="button button--secondary" onClick={onHelp}>
      {t('getHelp')}
    </button>
  );
}

export function TryAgainButton({ onTryAgain }: { onTryAgain: () => void }) {
  const { t } = useTranslation('payment');
  return (
    <button type="button" className="button" onClick={onTryAgain}>
      {t('tryAgain')}
    </button>
  );
}
