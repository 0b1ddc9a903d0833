import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  remainingSeconds: number;
  onMoreTime: () => void;
  onFinish: () => void;
}

/** "Are you still there?" (WCAG 2.2.1): at least 20 s to answer, one touch to extend. */
export function IdleDialog({ remainingSeconds, onMoreTime, onFinish }: Props) {
  const { t } = useTranslation('common');
  const moreTime = useRef<HTMLButtonElement>(null);
  useEffect(() => moreTime.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-body"
        className="dialog"
      >
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p id="idle-body">{t('idle.body', { count: Math.max(0, remainingSeconds) })}</p>
        <div className="dialog__actions">
          <button ref={moreTime} type="button" className="button" onClick={onMoreTime}>
            {t('idle.moreTime')}
          </button>
          <button type="button" className="button button--secondary" onClick={onFinish}>
            {t('idle.finish')}
          </button>
        </div>
      </div>
    </div>
  );
}
