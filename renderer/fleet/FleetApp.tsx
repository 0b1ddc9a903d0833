import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInGate } from '../shared/SignInGate';
import { groupByStatus, summarise, summaryMessage } from './fleet-view';
import { FleetHeader } from './FleetHeader';
import { MachineCard } from './MachineCard';
import { useFleet } from './useFleet';
import { useNow } from './useNow';

export function FleetApp() {
  const { t } = useTranslation('fleet');
  return (
    <SignInGate title={t('title')}>
      <Fleet />
    </SignInGate>
  );
}

function Fleet() {
  const { t } = useTranslation(['fleet', 'staff']);
  const id = useId();
  const { view, receivedAt, loading, error, connection } = useFleet();
  const now = useNow(5_000);
  const summary = view ? summaryMessage(summarise(view.machines)) : null;

  return (
    <div className="fleet">
      <FleetHeader title={t('title')} connection={connection} />
      <main>
        <div role="status" className="load-state">
          {loading && !view ? t('loading') : ''}
        </div>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {view && summary && (
          <>
            <p className={`fleet-summary summary-${summary.key}`} data-testid="fleet-summary" aria-live="polite">
              {t(`summary.${summary.key}`, { count: summary.count })}
            </p>
            {groupByStatus(view.machines).map((group) => (
              <section
                key={group.status}
                className={`status-group group-${group.status}`}
                aria-labelledby={`${id}-${group.status}`}
              >
                <h2 id={`${id}-${group.status}`}>{t(`group.${group.status}`, { count: group.machines.length })}</h2>
                <ul className="machines">
                  {group.machines.map((machine) => (
                    <li key={machine.machineId}>
                      <MachineCard machine={machine} view={view} receivedAt={receivedAt} now={now} />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </main>
    </div>
  );
}
