import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../components/ScreenLayout';
import { LoadState } from '../components/LoadState';
import { Tile } from '../components/Tile';
import { fetchInfoPages } from '../api';
import { useVisit } from '../store';
import { useLoad } from '../useLoad';

export function InfoList() {
  const { t } = useTranslation('info');
  const { language, go } = useVisit();
  const pages = useLoad(`pages:${language}`, () => fetchInfoPages(language));
  return (
    <ScreenLayout title={t('listTitle')} intro={t('listIntro')}>
      {pages.state !== 'ready' ? (
        <LoadState retry={pages.state === 'error' ? pages.retry : undefined} />
      ) : pages.data.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className="tiles tiles--list">
          {pages.data.map((page) => (
            <Tile
              key={page.slug}
              title={page.title}
              hint={page.summary}
              lang={page.lang}
              onSelect={() => go({ name: 'info-page', slug: page.slug })}
            />
          ))}
        </div>
      )}
    </ScreenLayout>
  );
}
