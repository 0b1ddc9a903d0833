import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskBridge } from '../../../contract/ipc';
import { Keypad } from '../payment/Keypad';

const minDigits = 4;
const maxDigits = 12;

interface Props {
  bridge: KioskBridge;
  /** The panel's time ran out: say why the PIN is asked again. */
  expired: boolean;
  onUnlocked: () => void;
  onCancel: () => void;
}

/** Digits are shown as dots only and go to the shell, which checks them; nothing here knows the PIN. */
export function PinPad({ bridge, expired, onUnlocked, onCancel }: Props) {
  const { t } = useTranslation('kiosk');
  const [digits, setDigits] = useState('');
  const [message, setMessage] = useState<string | null>(expired ? t('facilities.pin.expired') : null);
  const [checking, setChecking] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const onKey = useCallback((key: string) => {
    if (/^\d$/.test(key)) setDigits((entered) => (entered.length < maxDigits ? entered + key : entered));
    else if (key === 'back') setDigits((entered) => entered.slice(0, -1));
    else if (key === 'clear') setDigits('');
  }, []);

  const submit = () => {
    if (digits.length < minDigits) {
      setMessage(t('facilities.pin.tooShort', { min: minDigits }));
      return;
    }
    setChecking(true);
    setDigits('');
    bridge
      .unlockAdmin(digits)
      .then((result) => {
        switch (result.outcome) {
          case 'unlocked':
            onUnlocked();
            return;
          case 'wrong-pin':
            setMessage(t('facilities.pin.wrong', { tries: result.attemptsLeft }));
            return;
          case 'locked':
            setMessage(t('facilities.pin.locked', { minutes: Math.ceil(result.retryAfterSeconds / 60) }));
            return;
          case 'disabled':
            setMessage(t('facilities.pin.disabled'));
        }
      })
      .catch(() => setMessage(t('facilities.pin.failed')))
      .finally(() => setChecking(false));
  };

  return (
    <div role="dialog" aria-modal="true" aria-labelledby="facilities-pin-title" className="dialog facilities__dialog">
      <h2 id="facilities-pin-title" ref={heading} tabIndex={-1}>
        {t('facilities.pin.title')}
      </h2>
      <p className="pin-entry" data-testid="pin-entry">
        <span aria-hidden="true" className="pin-entry__dots">
          {'●'.repeat(digits.length)}
        </span>
        <span className="visually-hidden">{t('facilities.pin.entered', { digits: digits.length })}</span>
      </p>
      <p role="status" className="facilities__message">
        {message}
      </p>
      <Keypad onKey={onKey} label={t('facilities.pin.keypad')} />
      <div className="dialog__actions">
        <button type="button" className="button" disabled={checking} onClick={submit}>
          {t('facilities.pin.enter')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('facilities.cancel')}
        </button>
      </div>
    </div>
  );
}
