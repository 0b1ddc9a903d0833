/**
 * "Pay a bill": choose what to pay → reference on the keypad (checked as typed) → amount → summary →
 * the card terminal's prompts → the result in plain words. Everything entered lives in this
 * component, which the shell remounts at every visit reset, so inactivity forgets it all.
 * Cancel is offered on every step until the card is presented.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkReference,
  type Payment,
  type PaymentTypeView,
  type PaymentTypesResponse,
} from '../../../contract/payments';
import { AutoReturn } from '../components/AutoReturn';
import { ScreenLayout } from '../components/ScreenLayout';
import type { PaymentJourneyProps } from '../payment-slot';
import { useKioskSetup } from '../setup';
import { cancelPayment, fetchPaymentTypes, newPaymentId, validateReference } from './api';
import { Keypad } from './Keypad';
import { formatMoney, parsePounds, typeAmountKey } from './money';
import { describeMask, leadingLiterals, typeReferenceKey } from './reference-entry';
import { useCardPayment, type CardStage } from './useCardPayment';
import './payment.css';

type Step = 'type' | 'reference' | 'amount' | 'summary' | 'card' | 'help';

export function PaymentJourney({ kioskId, language, onFinished, onFeedback, holdInactivity }: PaymentJourneyProps) {
  const { t } = useTranslation('payment');
  const [catalogue, setCatalogue] = useState<PaymentTypesResponse | 'loading' | 'failed'>('loading');
  const [step, setStep] = useState<Step>('type');
  const [type, setType] = useState<PaymentTypeView | null>(null);
  const [reference, setReference] = useState('');
  const [amountText, setAmountText] = useState('');
  const [paymentId, setPaymentId] = useState<string | null>(null);
  const card = useCardPayment();

  useEffect(() => {
    let live = true;
    fetchPaymentTypes(kioskId).then(
      (result) => live && setCatalogue(result),
      () => live && setCatalogue('failed'),
    );
    return () => {
      live = false;
    };
  }, [kioskId]);

  // The card terminal must never be interrupted by the inactivity reset.
  const inFlight = card.stage.kind === 'starting' || card.stage.kind === 'in-progress';
  useEffect(() => {
    holdInactivity(inFlight);
  }, [inFlight, holdInactivity]);
  useEffect(() => () => holdInactivity(false), [holdInactivity]);

  // Leaving the journey (Home) while the terminal still waits for a card: stop it.
  const leaving = useRef({ stage: card.stage, id: paymentId });
  leaving.current = { stage: card.stage, id: paymentId };
  useEffect(
    () => () => {
      const { stage, id } = leaving.current;
      if (id && stage.kind === 'in-progress' && stage.cancellable) void cancelPayment(id).catch(() => undefined);
    },
    [],
  );

  const typeName = (view: PaymentTypeView) => t(`types.${view.id}.name`, { defaultValue: view.name });

  const chooseType = (view: PaymentTypeView) => {
    setType(view);
    setReference(leadingLiterals(view.reference.mask));
    setAmountText('');
    setStep('reference');
  };

  const pay = () => {
    if (!type) return;
    const amountPence = type.amount.mode === 'fixed' ? type.amount.pence : parsePounds(amountText);
    if (amountPence === null) return;
    const id = newPaymentId();
    setPaymentId(id);
    setStep('card');
    void card.start({ id, kiosk: kioskId, type: type.id, reference, amountPence });
  };

  const tryAgain = () => {
    card.reset();
    setPaymentId(null);
    setStep('summary');
  };

  const cancelButton = (
    <button type="button" className="button button--secondary" onClick={onFinished}>
      {t('cancel')}
    </button>
  );

  if (catalogue === 'loading') {
    return (
      <ScreenLayout title={t('title')}>
        <p role="status">{t('loading')}</p>
      </ScreenLayout>
    );
  }
  if (catalogue === 'failed' || catalogue.types.length === 0 || !catalogue.terminalAvailable) {
    return (
      <ScreenLayout
        title={t('title')}
        intro={catalogue !== 'failed' && catalogue.types.length === 0 ? t('notOffered') : t('unavailable')}
      >
        <div className="actions">
          <button type="button" className="button" onClick={onFinished}>
            {t('finish')}
          </button>
        </div>
      </ScreenLayout>
    );
  }

  if (step === 'help') {
    const number =
      card.stage.kind === 'finished'
        ? (card.stage.payment.receiptNumber ?? shortId(card.stage.payment.id))
        : paymentId
          ? shortId(paymentId)
          : null;
    return (
      <ScreenLayout title={t('help.title')} intro={t('help.text')}>
        {number ? (
          <p className="entry-hint">
            {t('help.quote')}{' '}
            <bdi dir="ltr" className="amount-big">
              {number}
            </bdi>
          </p>
        ) : null}
        <div className="actions">
          <button type="button" className="button" onClick={onFinished}>
            {t('finish')}
          </button>
        </div>
      </ScreenLayout>
    );
  }

  if (step === 'type' || !type) {
    return (
      <ScreenLayout title={t('chooseType.title')} intro={t('chooseType.intro')}>
        <ul className="choices">
          {catalogue.types.map((view) => (
            <li key={view.id}>
              <button
                type="button"
                className="button button--secondary button--choice"
                onClick={() => chooseType(view)}
              >
                {typeName(view)}
              </button>
            </li>
          ))}
        </ul>
        <div className="actions">{cancelButton}</div>
      </ScreenLayout>
    );
  }

  if (step === 'reference') {
    return (
      <ReferenceStep
        type={type}
        typeName={typeName(type)}
        value={reference}
        onChange={setReference}
        onBack={() => setStep('type')}
        onContinue={() => setStep(type.amount.mode === 'fixed' ? 'summary' : 'amount')}
        cancelButton={cancelButton}
      />
    );
  }

  if (step === 'amount') {
    return (
      <AmountStep
        type={type}
        typeName={typeName(type)}
        language={language}
        value={amountText}
        onChange={setAmountText}
        onBack={() => setStep('reference')}
        onContinue={() => setStep('summary')}
        cancelButton={cancelButton}
      />
    );
  }

  const amountPence = type.amount.mode === 'fixed' ? type.amount.pence : (parsePounds(amountText) ?? 0);
  const amount = formatMoney(amountPence, language);

  if (step === 'summary') {
    return (
      <ScreenLayout title={t('summary.title')} summary={`${typeName(type)}. ${reference}. ${amount}.`}>
        <dl className="summary">
          <dt>{t('summary.what')}</dt>
          <dd>{typeName(type)}</dd>
          <dt>{t('summary.reference')}</dt>
          <dd>
            <bdi dir="ltr">{reference}</bdi>
          </dd>
          <dt>{t('summary.amount')}</dt>
          <dd className="amount-big">{amount}</dd>
        </dl>
        <p>{t('summary.cardOnly')}</p>
        <div className="actions">
          <button type="button" className="button" onClick={pay}>
            {t('summary.pay', { amount })}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setStep(type.amount.mode === 'fixed' ? 'reference' : 'amount')}
          >
            {t('back')}
          </button>
          {cancelButton}
        </div>
      </ScreenLayout>
    );
  }

  return (
    <CardStep
      stage={card.stage}
      amount={amount}
      language={language}
      onCancel={() => void card.cancel()}
      onTryAgain={tryAgain}
      onHelp={() => setStep('help')}
      onFinished={onFinished}
      onFeedback={onFeedback}
    />
  );
}

const shortId = (id: string) => id.slice(0, 8).toUpperCase();

interface ReferenceStepProps {
  type: PaymentTypeView;
  typeName: string;
  value: string;
  onChange: (value: string) => void;
  onBack: () => void;
  onContinue: () => void;
  cancelButton: ReactNode;
}

function ReferenceStep({ type, typeName, value, onChange, onBack, onContinue, cancelButton }: ReferenceStepProps) {
  const { t } = useTranslation('payment');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const mask = type.reference.mask;

  const format = describeMask(mask)
    .map((part) =>
      part.kind === 'literal'
        ? t('format.literal', { text: part.text })
        : t(`format.${part.kind}`, { count: part.count }),
    )
    .join(t('format.then'));

  const explain = useCallback(
    (check: ReturnType<typeof checkReference>, entered: number): string | null => {
      if (check.ok) return null;
      switch (check.reason) {
        case 'wrong-character':
          return check.expected === 'digit'
            ? t('problem.wantDigit', { position: (check.position ?? 0) + 1 })
            : check.expected === 'letter'
              ? t('problem.wantLetter', { position: (check.position ?? 0) + 1 })
              : t('problem.wantLiteral', { position: (check.position ?? 0) + 1, text: check.expected });
        case 'too-long':
          return t('problem.tooLong', { count: mask.length });
        case 'too-short':
          return t('problem.tooShort', { count: mask.length, entered });
        case 'check-digit':
          return t('problem.checkDigit');
        case 'empty':
          return t('problem.empty');
      }
    },
    [mask, t],
  );

  const onKey = useCallback(
    (key: string) => {
      const result = typeReferenceKey(mask, value, key);
      if (result.refused) {
        setProblem(explain(result.refused, value.length));
        return;
      }
      onChange(result.text);
      // Complete: say at once whether it is right (check digit), without waiting for Continue.
      setProblem(
        result.text.length === mask.length
          ? explain(checkReference(type.reference, result.text), result.text.length)
          : null,
      );
    },
    [mask, value, onChange, explain, type.reference],
  );

  const next = async () => {
    const local = checkReference(type.reference, value);
    if (!local.ok) {
      setProblem(explain(local, value.length));
      return;
    }
    setChecking(true);
    try {
      const answer = await validateReference(type.id, value);
      if (answer.ok) onContinue();
      else setProblem(explain({ ok: false, reason: answer.reason }, value.length));
    } catch {
      setProblem(t('problem.noServer'));
    } finally {
      setChecking(false);
    }
  };

  const remaining = Math.max(0, mask.length - value.length);
  return (
    <ScreenLayout
      title={t('reference.title', { type: typeName })}
      intro={t(`types.${type.id}.where`, { defaultValue: t('reference.where') })}
      summary={t('reference.format', { format })}
    >
      <p className="entry-hint">{t('reference.format', { format })}</p>
      <div
        className={`entry ${problem ? 'entry--error' : ''}`}
        aria-label={t('reference.entered')}
        role="textbox"
        aria-readonly="true"
        aria-invalid={problem ? 'true' : 'false'}
        aria-describedby="reference-problem"
      >
        <bdi dir="ltr" data-testid="reference-value">
          {value}
        </bdi>
        <span aria-hidden="true" className="entry__remaining" dir="ltr">
          {'_'.repeat(remaining)}
        </span>
      </div>
      <div id="reference-problem" role="alert" aria-live="assertive">
        {problem ? <p className="problem">{problem}</p> : null}
      </div>
      <Keypad letters={mask.includes('@')} onKey={onKey} label={t('keypad.reference')} />
      <div className="actions">
        <button type="button" className="button" onClick={() => void next()} disabled={checking}>
          {t('continue')}
        </button>
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('back')}
        </button>
        {cancelButton}
      </div>
    </ScreenLayout>
  );
}

interface AmountStepProps {
  type: PaymentTypeView;
  typeName: string;
  language: string;
  value: string;
  onChange: (value: string) => void;
  onBack: () => void;
  onContinue: () => void;
  cancelButton: ReactNode;
}

function AmountStep({ type, typeName, language, value, onChange, onBack, onContinue, cancelButton }: AmountStepProps) {
  const { t } = useTranslation('payment');
  const [problem, setProblem] = useState<string | null>(null);
  const min = formatMoney(type.minPence, language);
  const max = formatMoney(type.maxPence, language);

  const onKey = useCallback(
    (key: string) => {
      const next = typeAmountKey(value, key);
      const pence = parsePounds(next);
      if (pence !== null && pence > type.maxPence) {
        setProblem(t('amount.tooMuch', { max }));
        return;
      }
      setProblem(null);
      onChange(next);
    },
    [value, onChange, type.maxPence, max, t],
  );

  const next = () => {
    const pence = parsePounds(value);
    if (pence === null || pence === 0) setProblem(t('amount.enter'));
    else if (pence < type.minPence) setProblem(t('amount.tooLittle', { min }));
    else if (pence > type.maxPence) setProblem(t('amount.tooMuch', { max }));
    else onContinue();
  };

  const pence = parsePounds(value);
  return (
    <ScreenLayout title={t('amount.title', { type: typeName })} intro={t('amount.limits', { min, max })}>
      <div
        className={`entry ${problem ? 'entry--error' : ''}`}
        aria-label={t('amount.entered')}
        role="textbox"
        aria-readonly="true"
        aria-invalid={problem ? 'true' : 'false'}
      >
        <bdi dir="ltr" data-testid="amount-value">
          £{value === '' ? '' : value}
        </bdi>
      </div>
      {pence !== null && value !== '' ? (
        <p className="entry-hint">{t('amount.willPay', { amount: formatMoney(pence, language) })}</p>
      ) : null}
      <div role="alert" aria-live="assertive">
        {problem ? <p className="problem">{problem}</p> : null}
      </div>
      <Keypad decimalPoint onKey={onKey} label={t('keypad.amount')} />
      <div className="actions">
        <button type="button" className="button" onClick={next}>
          {t('continue')}
        </button>
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('back')}
        </button>
        {cancelButton}
      </div>
    </ScreenLayout>
  );
}

interface CardStepProps {
  stage: CardStage;
  amount: string;
  language: string;
  onCancel: () => void;
  onTryAgain: () => void;
  onHelp: () => void;
  onFinished: () => void;
  onFeedback: () => void;
}

function CardStep({ stage, amount, language, onCancel, onTryAgain, onHelp, onFinished, onFeedback }: CardStepProps) {
  const { t } = useTranslation('payment');
  const { params, offers } = useKioskSetup();

  const finishButton = (
    <button type="button" className="button" onClick={onFinished}>
      {t('finish')}
    </button>
  );
  const helpButton = (
    <button type="button" className="button button--secondary" onClick={onHelp}>
      {t('getHelp')}
    </button>
  );

  if (stage.kind === 'idle' || stage.kind === 'starting' || stage.kind === 'in-progress') {
    const prompt = stage.kind === 'in-progress' ? stage.prompt : null;
    const text = prompt ? (prompt.kind === 'other' ? prompt.text : t(`prompt.${prompt.kind}`)) : t('prompt.starting');
    const cancellable = stage.kind !== 'in-progress' || (stage.cancellable && !stage.cancelling);
    return (
      <ScreenLayout title={t('card.title', { amount })} summary={text}>
        <p className="terminal-prompt" role="status" aria-live="polite" data-testid="terminal-prompt">
          {text}
        </p>
        {stage.kind === 'in-progress' && stage.cancelling ? <p role="status">{t('card.cancelling')}</p> : null}
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

  if (stage.kind === 'not-started') {
    const busy = stage.code === 'terminal-busy';
    return (
      <ScreenLayout
        title={t('result.notStarted.title')}
        intro={busy ? t('result.notStarted.busy') : t('result.notStarted.text')}
      >
        <div className="actions">
          {busy ? (
            <button type="button" className="button" onClick={onTryAgain}>
              {t('tryAgain')}
            </button>
          ) : null}
          {helpButton}
          {finishButton}
        </div>
      </ScreenLayout>
    );
  }

  // The answer never came (lost) or came as "unknown": either way staff must check, so one screen.
  const outcomeUnknown = (paymentId: string) => (
    <ScreenLayout title={t('result.unknown.title')} intro={t('result.unknown.text')}>
      <p className="entry-hint">
        {t('help.quote')} <bdi dir="ltr">{shortId(paymentId)}</bdi>
      </p>
      <div className="actions">
        {helpButton}
        {finishButton}
      </div>
    </ScreenLayout>
  );

  if (stage.kind === 'lost') return outcomeUnknown(stage.id);

  const payment: Payment = stage.payment;
  const paid = formatMoney(payment.amountPence, language);
  switch (payment.outcome) {
    case 'approved': {
      const printed = payment.state === 'receipt-printed';
      const receiptText = printed
        ? t('result.approved.takeReceipt')
        : payment.receiptProblem
          ? t('result.approved.noReceipt', { number: payment.receiptNumber ?? '' })
          : t('result.approved.printing');
      return (
        <ScreenLayout
          title={t('result.approved.title')}
          intro={t('result.approved.text', { amount: paid })}
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
            {finishButton}
          </div>
          {printed ? <AutoReturn seconds={params.returnSeconds} onExpire={onFinished} /> : null}
        </ScreenLayout>
      );
    }
    case 'declined':
    case 'cancelled':
      // Nothing was taken either way: the same choices, in words for what happened.
      return (
        <ScreenLayout title={t(`result.${payment.outcome}.title`)} intro={t(`result.${payment.outcome}.text`)}>
          <div className="actions">
            <button type="button" className="button" onClick={onTryAgain}>
              {t('tryAgain')}
            </button>
            {helpButton}
            {finishButton}
          </div>
        </ScreenLayout>
      );
    default:
      return outcomeUnknown(payment.id);
  }
}
