import { useCallback, useState, type Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { checkReference } from '../../../../contract/payments';
import { ScreenLayout } from '../../components/ScreenLayout';
import { validateReference } from '../api';
import { Keypad } from '../Keypad';
import type { Entry, JourneyAction } from '../payment-journey';
import { typeReferenceKey } from '../reference-entry';
import { BackButton, CancelButton, useTypeName } from './shared';
import { useReferenceWords } from './useReferenceWords';

interface Props {
  entry: Entry;
  dispatch: Dispatch<JourneyAction>;
  onCancel: () => void;
}

/** The reference on the keypad, checked after every key; Continue asks the server too. */
export function ReferenceStep({ entry, dispatch, onCancel }: Props) {
  const { t } = useTranslation('payment');
  const typeName = useTypeName();
  const { type, reference: value } = entry;
  const mask = type.reference.mask;
  const { format, explain } = useReferenceWords(mask);
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const onKey = useCallback(
    (key: string) => {
      const result = typeReferenceKey(mask, value, key);
      if (result.refused) {
        setProblem(explain(result.refused, value.length));
        return;
      }
      dispatch({ type: 'reference-typed', reference: result.text });
      // Complete: say at once whether it is right (check digit), without waiting for Continue.
      setProblem(
        result.text.length === mask.length
          ? explain(checkReference(type.reference, result.text), result.text.length)
          : null,
      );
    },
    [mask, value, dispatch, explain, type.reference],
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
      if (answer.ok) dispatch({ type: 'continued' });
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
      title={t('reference.title', { type: typeName(type) })}
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
        <BackButton onBack={() => dispatch({ type: 'back' })} />
        <CancelButton onCancel={onCancel} />
      </div>
    </ScreenLayout>
  );
}
