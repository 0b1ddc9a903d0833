import { useTranslation } from 'react-i18next';
import { languages } from '../../shared/languages';
import { useVisit } from '../store';

/** Every language named in its own language (no flags), marked with its own `lang` so it is read right. */
export function LanguagePicker({ onChosen }: { onChosen?: () => void }) {
  const { t } = useTranslation('common');
  const current = useVisit((s) => s.language);
  const setLanguage = useVisit((s) => s.setLanguage);
  return (
    <div role="group" aria-label={t('language.choose')} className="language-list">
      {languages.map((language) => (
        <button
          key={language.code}
          type="button"
          className="button button--secondary language-list__item"
          lang={language.code}
          dir={language.dir}
          aria-pressed={language.code === current}
          onClick={() => {
            setLanguage(language.code);
            onChosen?.();
          }}
        >
          {language.nativeName}
        </button>
      ))}
    </div>
  );
}
