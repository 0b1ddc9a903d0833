/**
 * "Pay a bill": choose what to pay → reference on the keypad (checked as typed) → amount → summary →
 * the card terminal's prompts → the result in plain words. The steps and what moves between them are
 * in payment-journey.ts; this component shows the step the journey is on. Everything entered lives
 * here, and the shell remounts it at every visit reset, so inactivity forgets it all.
 * Cancel is offered on every step until the card is presented.
 */
import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../components/ScreenLayout';
import type { PaymentJourneyProps } from '../payment-slot';
import { formatMoney } from './money';
import { amountToPay, type CardPayment, type Entry, type JourneyAction } from './payment-journey';
import { AmountStep } from './steps/AmountStep';
import { ApprovedStep } from './steps/ApprovedStep';
import { CardStep } from './steps/CardStep';
import { ChooseTypeStep } from './steps/ChooseTypeStep';
import { HelpStep } from './steps/HelpStep';
import { NothingTakenStep, NotStartedStep, OutcomeUnknownStep } from './steps/NotPaidSteps';
import { ReferenceStep } from './steps/ReferenceStep';
import { SummaryStep } from './steps/SummaryStep';
import { FinishButton } from './steps/shared';
import { usePaymentJourney } from './usePaymentJourney';
import './payment.css';

export function PaymentJourney({ kioskId, language, onFinished, onFeedback, holdInactivity }: PaymentJourneyProps) {
  const { t } = useTranslation('payment');
  const { state, dispatch, pay, cancel } = usePaymentJourney(kioskId, holdInactivity);

  switch (state.step) {
    case 'loading':
      return (
        <ScreenLayout title={t('title')}>
          <p role="status">{t('loading')}</p>
        </ScreenLayout>
      );
    case 'unavailable':
      return (
        <ScreenLayout
          title={t('title')}
          intro={state.reason === 'nothing-offered' ? t('notOffered') : t('unavailable')}
        >
          <div className="actions">
            <FinishButton onFinished={onFinished} />
          </div>
        </ScreenLayout>
      );
    case 'type':
      return (
        <ChooseTypeStep
          types={state.types}
          onChoose={(typeId) => dispatch({ type: 'type-chosen', typeId })}
          onCancel={onFinished}
        />
      );
    case 'reference':
      return <ReferenceStep entry={state.entry} dispatch={dispatch} onCancel={onFinished} />;
    case 'amount':
      return <AmountStep entry={state.entry} language={language} dispatch={dispatch} onCancel={onFinished} />;
    case 'summary':
      return (
        <SummaryStep entry={state.entry} language={language} dispatch={dispatch} onPay={pay} onCancel={onFinished} />
      );
    case 'card':
      return (
        <CardOutcome
          card={state.card}
          entry={state.entry}
          language={language}
          dispatch={dispatch}
          onCancel={cancel}
          onFinished={onFinished}
          onFeedback={onFeedback}
        />
      );
    case 'help':
      return <HelpStep card={state.card} onFinished={onFinished} />;
  }
}

interface CardOutcomeProps {
  card: CardPayment;
  entry: Entry;
  language: string;
  dispatch: Dispatch<JourneyAction>;
  onCancel: () => void;
  onFinished: () => void;
  onFeedback: () => void;
}

/** From Pay on: the terminal's prompts, then the screen for how it ended. */
function CardOutcome({ card, entry, language, dispatch, onCancel, onFinished, onFeedback }: CardOutcomeProps) {
  const { stage } = card;
  const endings = {
    onTryAgain: () => dispatch({ type: 'try-again' }),
    onHelp: () => dispatch({ type: 'help' }),
    onFinished,
  };
  switch (stage.kind) {
    case 'starting':
    case 'in-progress':
      return <CardStep stage={stage} amount={formatMoney(amountToPay(entry) ?? 0, language)} onCancel={onCancel} />;
    case 'not-started':
      return <NotStartedStep code={stage.code} {...endings} />;
    case 'lost':
      return <OutcomeUnknownStep paymentId={card.id} {...endings} />;
    case 'finished': {
      const { payment } = stage;
      if (payment.outcome === 'approved')
        return <ApprovedStep payment={payment} language={language} onFinished={onFinished} onFeedback={onFeedback} />;
      if (payment.outcome === 'declined' || payment.outcome === 'cancelled')
        return <NothingTakenStep outcome={payment.outcome} {...endings} />;
      return <OutcomeUnknownStep paymentId={payment.id} {...endings} />;
    }
  }
}
