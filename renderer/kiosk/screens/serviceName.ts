import { useTranslation } from 'react-i18next';
import type { Service } from '../../../contract/queue';

/** A service's name in the chosen language (`kiosk:services.<id>`), or the site's own name for it. */
export function useServiceName(): (service: Pick<Service, 'id' | 'name'>) => string {
  const { t } = useTranslation('kiosk');
  return (service) => t(`services.${service.id}`, { defaultValue: service.name });
}
