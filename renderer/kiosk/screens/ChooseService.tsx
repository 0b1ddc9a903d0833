import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../components/ScreenLayout';
import { LoadState } from '../components/LoadState';
import { fetchServices } from '../api';
import { useKioskSetup } from '../setup';
import { useVisit } from '../store';
import { useLoad } from '../useLoad';
import { useServiceName } from './serviceName';

/** Choose a service (and, first, whether you need assistance): one touch gives the ticket. */
export function ChooseService() {
  const { t } = useTranslation('kiosk');
  const serviceName = useServiceName();
  const { params } = useKioskSetup();
  const { needsAssistance, setNeedsAssistance, takeTicket } = useVisit();
  const services = useLoad('services', fetchServices);
  const hintId = useId();

  return (
    <ScreenLayout title={t('ticket.chooseTitle')} intro={t('ticket.chooseIntro')}>
      <div className="check">
        <input
          id={`${hintId}-box`}
          type="checkbox"
          checked={needsAssistance}
          onChange={(e) => setNeedsAssistance(e.target.checked)}
          aria-describedby={hintId}
        />
        <label htmlFor={`${hintId}-box`}>{t('ticket.assistance')}</label>
        <p id={hintId} className="check__hint">
          {t('ticket.assistanceHint')}
        </p>
      </div>
      {services.state === 'ready' ? (
        <ul className="choices">
          {services.data.map((service) => (
            <li key={service.id}>
              <button
                type="button"
                className="button button--choice"
                onClick={() => void takeTicket(service, params.kioskId)}
              >
                {serviceName(service)}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <LoadState retry={services.state === 'error' ? services.retry : undefined} />
      )}
    </ScreenLayout>
  );
}
