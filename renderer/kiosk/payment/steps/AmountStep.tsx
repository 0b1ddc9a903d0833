import { useCallback, useState, type Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../../components/ScreenLayout';
import { Keypad } from '../Keypad';
import { amountProblem, formatMoney, parsePounds, typeAmountKey } from '../money';
import type { Entry, JourneyAction } from '../payment-journey';
import { BackButton, CancelButton, useTypeName } from './shared';

interface Props {
  entry: Entry;
  language: string;
  dispatch: Dispatch<JourneyAction>;
  onCancel: () => void;
}

/** The amount on the keypad, within the type's limits (a key that would go over the most is refused). */
export function AmountStep({ entry, language, dispatch, onCancel }: Props) {
  const { t } = useTranslation('payment');
  const typeName = useTypeName();
  const { type, amountText: value } = entry;
  const [problem, setProblem] = useState<string | null>(null);
  const min = formatMoney(type.minPence, language);
  const max = formatMoney(type.maxPence, language);

  const onKey = useCallback(
    (key: string) => {
      const next = typeAmountKey(value, key);
      if (amountProblem(next, type) === 'too-much') {
        setProblem(t('amount.tooMuch', { max }));
        return;
      }
      setProblem(null);
      dispatch({ type: 'amount-typed', amountText: next });
    },
    [value, dispatch, type, max, t],
  );

  const next = () => {
    const why = amountProblem(value, type);
    if (why === 'enter') setProblem(t('amount.enter'));
    else if (why === 'too-little') setProblem(t('amount.tooLittle', { min }));
    else if (why === 'too-much') setProblem(t('amount.tooMuch', { max }));
    else dispatch({ type: 'continued' });
  };

  const pence = parsePounds(value);
  return (
    <ScreenLayout title={t('amount.title', { type: typeName(type) })} intro={t('amount.limits', { min, max })}>
      <div
        className={`entry ${problem ? 'entry--error' : ''}`}
        aria-label={t('amount.entered')}
        role="textbox"
        aria-readonly="true"
        aria-invalid={problem ? 'true' : 'false'}
      >
        <bdi dir="ltr" data-testid="amount-value">
          £{value}
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
        <BackButton onBack={() => dispatch({ type: 'back' })} />
        <CancelButton onCancel={onCancel} />
      </div>
    </ScreenLayout>
  );
}
