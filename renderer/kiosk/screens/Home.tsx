import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../components/ScreenLayout';
import { Tile } from '../components/Tile';
import { useKioskSetup } from '../setup';
import { useVisit } from '../store';

/** The large tiles: only what this kiosk offers. */
export function Home() {
  const { t } = useTranslation('kiosk');
  const { offers } = useKioskSetup();
  const go = useVisit((s) => s.go);
  const tiles = {
    tickets: (
      <Tile
        key="tickets"
        title={t('home.tickets')}
        hint={t('home.ticketsHint')}
        onSelect={() => go({ name: 'services' })}
      />
    ),
    payments: (
      <Tile
        key="payments"
        title={t('home.payments')}
        hint={t('home.paymentsHint')}
        onSelect={() => go({ name: 'payment' })}
      />
    ),
    information: (
      <Tile
        key="information"
        title={t('home.information')}
        hint={t('home.informationHint')}
        onSelect={() => go({ name: 'info-list' })}
      />
    ),
    feedback: (
      <Tile
        key="feedback"
        title={t('home.feedback')}
        hint={t('home.feedbackHint')}
        onSelect={() => go({ name: 'feedback', context: {} })}
      />
    ),
  };
  return (
    <ScreenLayout title={t('home.title')}>
      <div className="tiles">{offers.map((offer) => tiles[offer])}</div>
      <button type="button" className="button button--secondary" onClick={() => go({ name: 'language' })}>
        {t('common:language.change')}
      </button>
    </ScreenLayout>
  );
}
