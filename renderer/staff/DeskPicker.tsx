import { useTranslation } from 'react-i18next';
import { useConsole } from './store';

export function DeskPicker() {
  const { t } = useTranslation('staff');
  const desks = useConsole((s) => s.desks);
  const services = useConsole((s) => s.services);
  const chooseDesk = useConsole((s) => s.chooseDesk);
  const serviceName = (id: string) => services.find((service) => service.id === id)?.name ?? id;

  return (
    <section className="desk-picker" aria-labelledby="desk-picker-title">
      <h2 id="desk-picker-title">{t('desk.choose')}</h2>
      {desks.length === 0 ? (
        <p role="status">{t('desk.loading')}</p>
      ) : (
        <ul>
          {desks.map((desk) => (
            <li key={desk.id}>
              <button type="button" className="button desk-button" onClick={() => chooseDesk(desk.id)}>
                <span className="desk-name">{desk.name}</span>
                <span className="desk-services">
                  {desk.services.length === 0 ? t('desk.allServices') : desk.services.map(serviceName).join(', ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
