import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../../components/ScreenLayout';
import type { CardStage } from '../payment-journey';

interface Props {
  /** The terminal is being woken, or shows its prompts. */
  stage: Extract<CardStage, { kind: 'starting' | 'in-progress' }>;
  /** The amount being paid, formatted. */
  amount: string;
  onCancel: () => void;
}

/** The card terminal's prompts as they come; Cancel until the card has been presented. */
export function CardStep({ stage, amount, onCancel }: Props) {
  const { t } = useTranslation('payment');
  const prompt = stage.kind === 'in-progress' ? stage.prompt : null;
  const text = prompt ? (prompt.kind === 'other' ? prompt.text : t(`prompt.${prompt.kind}`)) : t('prompt.starting');
  const cancelling = stage.kind === 'in-progress' && stage.cancelling;
  const cancellable = stage.kind === 'starting' || (stage.cancellable && !stage.cancelling);
  return (
    <ScreenLayout title={t('card.title', { amount })} summary={text}>
      <p className="terminal-prompt" role="status" aria-live="polite" data-testid="terminal-prompt">
        {text}
      </p>
      {cancelling ? <p role="status">{t('card.cancelling')}</p> : null}
      {cancellable ? (
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <p>{t('card.noCancel')}</p>
      )}
    </ScreenLayout>
  );
}
