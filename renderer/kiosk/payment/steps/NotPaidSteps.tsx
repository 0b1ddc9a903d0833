/** The endings where no payment is taken for certain: each offers help (with a number to quote) and Finish. */
import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../../components/ScreenLayout';
import { FinishButton, HelpButton, shortId, TryAgainButton } from './shared';

interface Endings {
  onTryAgain: () => void;
  onHelp: () => void;
  onFinished: () => void;
}

/** The terminal refused before anything happened (offline or busy): nothing taken. */
export function NotStartedStep({ code, onTryAgain, onHelp, onFinished }: Endings & { code: string }) {
  const { t } = useTranslation('payment');
  const busy = code === 'terminal-busy';
  return (
    <ScreenLayout
      title={t('result.notStarted.title')}
      intro={busy ? t('result.notStarted.busy') : t('result.notStarted.text')}
    >
      <div className="actions">
        {busy ? <TryAgainButton onTryAgain={onTryAgain} /> : null}
        <HelpButton onHelp={onHelp} />
        <FinishButton onFinished={onFinished} />
      </div>
    </ScreenLayout>
  );
}

/** Declined or cancelled: nothing was taken either way, so the same choices in words for what happened. */
export function NothingTakenStep({
  outcome,
  onTryAgain,
  onHelp,
  onFinished,
}: Endings & { outcome: 'declined' | 'cancelled' }) {
  const { t } = useTranslation('payment');
  return (
    <ScreenLayout title={t(`result.${outcome}.title`)} intro={t(`result.${outcome}.text`)}>
      <div className="actions">
        <TryAgainButton onTryAgain={onTryAgain} />
        <HelpButton onHelp={onHelp} />
        <FinishButton onFinished={onFinished} />
      </div>
    </ScreenLayout>
  );
}

/** The answer never came (lost) or came as "unknown": either way staff must check, so one screen. */
export function OutcomeUnknownStep({
  paymentId,
  onHelp,
  onFinished,
}: Omit<Endings, 'onTryAgain'> & { paymentId: string }) {
  const { t } = useTranslation('payment');
  return (
    <ScreenLayout title={t('result.unknown.title')} intro={t('result.unknown.text')}>
      <p className="entry-hint">
        {t('help.quote')} <bdi dir="ltr">{shortId(paymentId)}</bdi>
      </p>
      <div className="actions">
        <HelpButton onHelp={onHelp} />
        <FinishButton onFinished={onFinished} />
      </div>
    </ScreenLayout>
  );
}
