import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../components/ScreenLayout';
import { LanguagePicker } from '../components/LanguagePicker';
import { useConfigUpdatesWhileIdle } from '../config-updates';
import { useKioskSetup } from '../setup';
import { useVisit } from '../store';

/** What this kiosk can do, "Touch to start", and the language choice. */
export function Attract() {
  const { t } = useTranslation('kiosk');
  const { offers } = useKioskSetup();
  const go = useVisit((s) => s.go);
  useConfigUpdatesWhileIdle();
  const can = {
    tickets: t('attract.canTickets'),
    payments: t('attract.canPayments'),
    information: t('attract.canInformation'),
    feedback: t('attract.canFeedback'),
  };
  const list = offers.map((offer) => can[offer]);
  return (
    <ScreenLayout title={t('attract.title')} intro={t('attract.intro')} summary={list.join(', ')}>
      <ul className="attract-list">
        {list.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <button type="button" className="button button--start" onClick={() => go({ name: 'home' })}>
        {t('attract.start')}
      </button>
      <h2 className="attract-language">{t('common:language.choose')}</h2>
      <LanguagePicker />
    </ScreenLayout>
  );
}
