import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Show the A–Z keys (references with letters). */
  letters?: boolean;
  /** Show a decimal point key (amounts). */
  decimalPoint?: boolean;
  onKey: (key: string) => void;
  /** Accessible name of the key group, e.g. "Keypad for the reference". */
  label: string;
}

const digitRows = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
];
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/**
 * The large on-screen keypad (every key at least 72 px). A physical keyboard works too: digits,
 * letters, "." and Backspace, for anyone who brings their own or uses a switch interface.
 */
export function Keypad({ letters = false, decimalPoint = false, onKey, label }: Props) {
  const { t } = useTranslation('payment');

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (
        event.target instanceof HTMLElement &&
        event.target.closest('button') &&
        (event.key === 'Enter' || event.key === ' ')
      )
        return;
      const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
      // Letters reach the entry even without A–Z keys on screen, so a wrong one gets its explanation.
      if (/^[0-9A-Z]$/.test(key) || (decimalPoint && key === '.')) {
        event.preventDefault();
        onKey(key);
      } else if (key === 'Backspace') {
        event.preventDefault();
        onKey('back');
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [letters, decimalPoint, onKey]);

  const key = (value: string, text: string, name?: string, className = '') => (
    <button
      key={value}
      type="button"
      className={`button button--secondary keypad__key ${className}`}
      aria-label={name}
      onClick={() => onKey(value)}
    >
      {text}
    </button>
  );

  return (
    <div className="keypad" role="group" aria-label={label} dir="ltr">
      {letters ? <div className="keypad__letters">{alphabet.map((letter) => key(letter, letter))}</div> : null}
      <div className="keypad__digits">
        {digitRows.flat().map((digit) => key(digit, digit))}
        {decimalPoint
          ? key('.', '.', t('keypad.point'))
          : key('clear', t('keypad.clear'), undefined, 'keypad__key--word')}
        {key('0', '0')}
        {key('back', '⌫', t('keypad.back'), 'keypad__key--back')}
      </div>
    </div>
  );
}
