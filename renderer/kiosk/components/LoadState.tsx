import { useTranslation } from 'react-i18next';

/** "Loading…" or "Sorry, something went wrong" with a Try again button. */
export function LoadState({ retry }: { retry?: () => void }) {
  const { t } = useTranslation('common');
  if (!retry) return <p role="status">{t('loading')}</p>;
  return (
    <div role="alert" className="notice notice--error">
      <p>{t('error.server')}</p>
      <button type="button" className="button" onClick={retry}>
        {t('error.retry')}
      </button>
    </div>
  );
}
