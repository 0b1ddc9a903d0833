import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVisit } from '../store';
import { onVoicesChanged, voiceFor } from '../speech';

/** Large text, high contrast and Read aloud: on every screen, for this visit only. */
export function DisplaySettings() {
  const { t } = useTranslation('common');
  const { largeText, highContrast, readAloud, language, toggle } = useVisit();
  const [hasVoice, setHasVoice] = useState(() => voiceFor(language) !== null);
  useEffect(() => {
    setHasVoice(voiceFor(language) !== null);
    return onVoicesChanged(() => setHasVoice(voiceFor(language) !== null));
  }, [language]);

  return (
    <div className="settings" role="group" aria-label={t('settings.label')}>
      <button
        type="button"
        className="button button--secondary settings__toggle"
        aria-pressed={largeText}
        onClick={() => toggle('largeText')}
      >
        <span aria-hidden="true" className="settings__icon settings__icon--text">
          A+
        </span>
        {t('settings.largeText')}
      </button>
      <button
        type="button"
        className="button button--secondary settings__toggle"
        aria-pressed={highContrast}
        onClick={() => toggle('highContrast')}
      >
        <span aria-hidden="true" className="settings__icon settings__icon--contrast" />
        {t('settings.highContrast')}
      </button>
      <button
        type="button"
        className="button button--secondary settings__toggle"
        aria-pressed={readAloud}
        onClick={() => toggle('readAloud')}
      >
        <svg aria-hidden="true" focusable="false" className="settings__icon" viewBox="0 0 24 24" width="22" height="22">
          <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
          <path
            d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        {t('settings.readAloud')}
      </button>
      {readAloud && !hasVoice ? (
        <p className="settings__note" role="status">
          {t('settings.noVoice')}
        </p>
      ) : null}
    </div>
  );
}
