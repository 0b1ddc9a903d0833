import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../shared/session';
import { useConsole } from './store';
import { SignInGate } from '../shared/SignInGate';
import { DeskPicker } from './DeskPicker';
import { WaitingList } from './WaitingList';
import { CurrentTicket } from './CurrentTicket';
import { DevicePanel } from './DevicePanel';
import { ConnectionStatus } from './ConnectionStatus';
import { NoticeBar } from './NoticeBar';

export function StaffApp() {
  const { t } = useTranslation('staff');
  return (
    <SignInGate title={t('title')}>
      <Console />
    </SignInGate>
  );
}

function Console() {
  const { t } = useTranslation('staff');
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  const deskId = useConsole((s) => s.deskId);
  const desks = useConsole((s) => s.desks);
  const connection = useConsole((s) => s.connection);
  const chooseDesk = useConsole((s) => s.chooseDesk);
  const desk = desks.find((d) => d.id === deskId);

  useEffect(() => {
    const { loadSite, connect } = useConsole.getState();
    void loadSite();
    return connect();
  }, []);

  return (
    <div className="console">
      <header className="page-header console-header">
        <h1>{t('title')}</h1>
        {desk && <p className="desk-label">{desk.name}</p>}
        <ConnectionStatus state={connection} />
        <p className="user">{t('signedInAs', { name: user?.displayName ?? '' })}</p>
        {deskId && (
          <button type="button" className="button small" onClick={() => chooseDesk(null)}>
            {t('desk.change')}
          </button>
        )}
        <button type="button" className="button small" onClick={() => signOut()}>
          {t('signOut')}
        </button>
      </header>
      <NoticeBar />
      <main className="console-main">
        {deskId ? (
          <>
            <CurrentTicket />
            <WaitingList />
          </>
        ) : (
          <DeskPicker />
        )}
        <DevicePanel />
      </main>
    </div>
  );
}
