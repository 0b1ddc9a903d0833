import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InfoPage as Page } from '../../../contract/info';
import { ScreenLayout } from '../components/ScreenLayout';
import { LoadState } from '../components/LoadState';
import { QrCode } from '../components/QrCode';
import { qrDrawing } from '../components/qr-drawing';
import { countInfoView, fetchInfoPage, printInfo } from '../api';
import { useKioskSetup } from '../setup';
import { useVisit } from '../store';
import { useLoad } from '../useLoad';
import { directionOf } from '../../shared/i18n';

/** Left-to-right isolate, so a web address or phone number reads right inside Arabic text. */
const isolate = (text: string) => `\u2066${text}\u2069`;

type PrintState = 'idle' | 'printing' | 'printed' | 'printed-in-english' | 'failed';

/**
 * One information page: key points, a QR code to the page online (or only its address, when it is
 * too long for one), and "Print this".
 */
export function InfoPage({ slug }: { slug: string }) {
  const { t } = useTranslation('info');
  const { language, go } = useVisit();
  const page = useLoad(`page:${slug}:${language}`, () => fetchInfoPage(slug, language));

  // Counted once per opening (page and language only: nothing about the resident).
  useEffect(() => {
    void countInfoView(slug, language);
  }, [slug]); // eslint-disable-line react-hooks/exhaustive-deps -- a language change is not a new view

  if (page.state !== 'ready') {
    return (
      <ScreenLayout title={t('listTitle')}>
        <LoadState retry={page.state === 'error' ? page.retry : undefined} />
      </ScreenLayout>
    );
  }
  return <PageBody page={page.data} requestedLanguage={language} onAllTopics={() => go({ name: 'info-list' })} />;
}

function PageBody({
  page,
  requestedLanguage,
  onAllTopics,
}: {
  page: Page;
  requestedLanguage: string;
  onAllTopics: () => void;
}) {
  const { t } = useTranslation('info');
  const { params, offers } = useKioskSetup();
  const go = useVisit((s) => s.go);
  const [print, setPrint] = useState<PrintState>('idle');
  const visit = useVisit((s) => s.visit);
  const qr = useMemo(() => qrDrawing(page.url), [page.url]);

  const doPrint = async () => {
    setPrint('printing');
    const outcome = await printInfo(params.kioskId, page.slug, page.lang).catch(() => null);
    if (useVisit.getState().visit !== visit) return;
    if (!outcome?.printed) setPrint('failed');
    else setPrint(outcome.lang === page.lang || page.lang === 'en' ? 'printed' : 'printed-in-english');
  };

  const printMessage = {
    idle: '',
    printing: t('printing'),
    printed: t('printed'),
    'printed-in-english': t('printedInEnglish'),
    failed: t('printFailed'),
  }[print];

  return (
    <ScreenLayout
      title={
        <span lang={page.lang} dir={directionOf(page.lang)}>
          {page.title}
        </span>
      }
      titleText={page.title}
      summary={[page.summary, ...page.keyPoints].join('. ')}
      summaryLanguage={page.lang}
    >
      {page.lang !== requestedLanguage ? (
        <p className="notice">{t('inEnglish')}</p>
      ) : !page.reviewed ? (
        <p className="notice">{t('notReviewed')}</p>
      ) : null}
      <div className="info-page" lang={page.lang} dir={directionOf(page.lang)}>
        <p className="lead">{page.summary}</p>
        <h2>{t('keyPoints')}</h2>
        <ul className="key-points">
          {page.keyPoints.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      </div>
      <div className="info-contact">
        {qr ? <QrCode drawing={qr} label={t('qrLabel', { url: isolate(page.url) })} /> : null}
        <div>
          <h2>{t('online')}</h2>
          <p className="url">{t(qr ? 'qrHelp' : 'urlHelp', { url: isolate(page.url) })}</p>
          {page.phone ? <p>{t('phone', { phone: isolate(page.phone) })}</p> : null}
        </div>
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => void doPrint()} disabled={print === 'printing'}>
          {t('print')}
        </button>
        <button type="button" className="button button--secondary" onClick={onAllTopics}>
          {t('allTopics')}
        </button>
        {offers.includes('feedback') ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => go({ name: 'feedback', context: {} })}
          >
            {t('feedback:offer')}
          </button>
        ) : null}
      </div>
      <div
        role="status"
        className={print === 'idle' ? '' : `notice ${print === 'failed' ? 'notice--error' : 'notice--success'}`}
      >
        {printMessage ? <p>{printMessage}</p> : null}
      </div>
    </ScreenLayout>
  );
}
