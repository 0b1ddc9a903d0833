import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * On a finished screen (ticket printed, thanks): goes back to the start after `seconds`, and says so.
 * Any touch or key cancels it — the resident is still reading — and the ordinary inactivity warning
 * takes over.
 */
export function AutoReturn({ seconds, onExpire }: { seconds: number; onExpire: () => void }) {
  const { t } = useTranslation('common');
  const [remaining, setRemaining] = useState(Math.ceil(seconds));
  const [cancelled, setCancelled] = useState(false);
  const expire = useRef(onExpire);
  expire.current = onExpire;

  useEffect(() => {
    if (cancelled) return;
    const deadline = Date.now() + seconds * 1000;
    const tick = setInterval(
      () => {
        const left = deadline - Date.now();
        if (left <= 0) {
          clearInterval(tick);
          expire.current();
        } else setRemaining(Math.ceil(left / 1000));
      },
      Math.min(250, seconds * 1000),
    );
    const cancel = () => setCancelled(true);
    document.addEventListener('pointerdown', cancel, true);
    document.addEventListener('keydown', cancel, true);
    return () => {
      clearInterval(tick);
      document.removeEventListener('pointerdown', cancel, true);
      document.removeEventListener('keydown', cancel, true);
    };
  }, [cancelled, seconds]);

  // Hidden, not removed, once cancelled: removing it would shift the page under the finger between
  // pointerdown and click on a long (large-text) screen, and the tap would be lost.
  return (
    <p
      className="returning"
      style={cancelled ? { visibility: 'hidden' } : undefined}
      aria-hidden={cancelled || undefined}
    >
      {t('returning', { count: remaining })}
    </p>
  );
}
