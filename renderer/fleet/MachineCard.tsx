import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetMachine, FleetView } from '../../contract/fleet';
import { elapsedByHubClock, formatRelativeTime, relativeTime } from './relative-time';
import { StatusIcon } from './StatusIcon';

interface MachineCardProps {
  machine: FleetMachine;
  view: FleetView;
  receivedAt: number;
  now: number;
}

/** One machine: its status in words and shape, its problems as sentences, what it runs, its devices. */
export function MachineCard({ machine, view, receivedAt, now }: MachineCardProps) {
  const { t, i18n } = useTranslation(['fleet', 'staff']);
  const id = useId();
  const heartbeat = machine.heartbeat;
  const lastSeen = machine.lastHeartbeatAt
    ? formatRelativeTime(
        i18n.language,
        relativeTime(elapsedByHubClock(machine.lastHeartbeatAt, view.generatedAt, receivedAt, now)),
      )
    : null;
  const notReported = t('machine.notReported');

  return (
    <article
      className={`machine machine-${machine.status}`}
      aria-labelledby={`${id}-name`}
      data-machine={machine.machineId}
      data-status={machine.status}
    >
      <header className="machine-header">
        <h3 id={`${id}-name`}>{machine.machineId}</h3>
        <p className={`status status-${machine.status}`}>
          <StatusIcon status={machine.status} /> {t(`status.${machine.status}`)}
        </p>
      </header>

      {machine.problems.length > 0 && (
        <section aria-labelledby={`${id}-problems`}>
          <h4 id={`${id}-problems`}>{t('machine.problems')}</h4>
          <ul className="problems">
            {machine.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </section>
      )}

      <dl className="machine-facts">
        <div>
          <dt>{t('machine.role')}</dt>
          <dd>{t(`role.${machine.role}`)}</dd>
        </div>
        <div>
          <dt>{t('machine.lastHeartbeat')}</dt>
          <dd>
            {machine.lastHeartbeatAt && lastSeen ? (
              <time dateTime={machine.lastHeartbeatAt}>{lastSeen}</time>
            ) : (
              t('machine.never')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('machine.version')}</dt>
          <dd>{heartbeat?.version ?? notReported}</dd>
        </div>
        <div>
          <dt>{t('machine.configVersion')}</dt>
          <dd>{heartbeat ? (heartbeat.configVersion ?? t('machine.noConfig')) : notReported}</dd>
        </div>
      </dl>

      {heartbeat?.lastError && (
        <p className="last-error">
          {t('machine.lastError', {
            message: heartbeat.lastError.message,
            when: formatRelativeTime(
              i18n.language,
              relativeTime(elapsedByHubClock(heartbeat.lastError.at, view.generatedAt, receivedAt, now)),
            ),
          })}
        </p>
      )}

      {heartbeat && (
        <section aria-labelledby={`${id}-devices`}>
          <h4 id={`${id}-devices`}>{t('machine.devices')}</h4>
          {heartbeat.devices.length === 0 ? (
            <p>{t('machine.noDevices')}</p>
          ) : (
            <ul className="fleet-devices">
              {heartbeat.devices.map((device) => (
                <li key={device.id} className={`fleet-device health-${device.health}`} data-device={device.id}>
                  <StatusIcon status={device.health} />
                  <span className="device-name">{t(`staff:devices.kind.${device.kind}`)}</span>
                  <span>
                    {t(`staff:devices.health.${device.health}`)}
                    {device.detail && ` — ${device.detail}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </article>
  );
}
