import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import './reload-prompt.css';

/** What a staff page or the lobby board shows after a render error: say so, and offer a reload. */
export function ReloadPrompt() {
  const { t } = useTranslation('common');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="reload-prompt">
      <h1 ref={heading} tabIndex={-1}>
        {t('crash.title')}
      </h1>
      <button type="button" className="reload-prompt__button" onClick={() => location.reload()}>
        {t('crash.reload')}
      </button>
    </main>
  );
}
