import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Long enough to read the message; the next resident then finds the kiosk at its start. */
const restartSeconds = 10;

/**
 * What the kiosk shows after a render error: a calm apology in the resident's language, and a fresh
 * start (a reload forgets the visit, as the inactivity reset does) after a few seconds or at a touch.
 */
export function CrashScreen() {
  const { t } = useTranslation('common');
  const heading = useRef<HTMLHeadingElement>(null);
  const title = t('crash.title');
  useEffect(() => {
    document.title = title;
    heading.current?.focus();
  }, [title]);
  useEffect(() => {
    const timer = setTimeout(() => location.reload(), restartSeconds * 1000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <main className="crash-screen">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p className="crash-screen__ask">{t('crash.askReception')}</p>
      <p>{t('crash.restarting')}</p>
      <button type="button" className="button" onClick={() => location.reload()}>
        {t('crash.startAgain')}
      </button>
    </main>
  );
}
