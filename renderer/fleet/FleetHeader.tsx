import { useTranslation } from 'react-i18next';
import { useSession } from '../shared/session';
import type { ConnectionState } from './live';
import { StatusIcon } from './StatusIcon';

/** Title, the event stream's state (the page may be out of date while it reconnects), who, sign out. */
export function FleetHeader({ title, connection }: { title: string; connection: ConnectionState }) {
  const { t } = useTranslation('staff');
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  return (
    <header className="page-header">
      <h1>{title}</h1>
      <p className={`connection connection-${connection}`} role="status" data-connection={connection}>
        <StatusIcon status={connection === 'live' ? 'ok' : 'not-seen'} /> {t(`connection.${connection}`)}
      </p>
      <p className="user">{t('signedInAs', { name: user?.displayName ?? '' })}</p>
      <button type="button" className="button small" onClick={() => signOut()}>
        {t('signOut')}
      </button>
    </header>
  );
}
