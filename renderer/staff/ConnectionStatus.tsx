import { useTranslation } from 'react-i18next';
import type { ConnectionState } from './store';
import { Icon } from './Icon';

/** Live / reconnecting, in words and an icon; the list may be stale while reconnecting. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { t } = useTranslation('staff');
  return (
    <p className={`connection connection-${state}`} role="status" data-connection={state}>
      <Icon name={state === 'live' ? 'ok' : 'sync'} /> {t(`connection.${state}`)}
    </p>
  );
}
