import { useTranslation } from 'react-i18next';
import { useConsole, type WaitingTicket } from './store';
import { useNow } from './useNow';
import { formatDuration, waitLevel, type WaitLevel } from '../shared/waitLevel';
import { Icon, type IconName } from './Icon';

const levelIcon: Record<WaitLevel, IconName | null> = { ok: null, near: 'warning', over: 'stop' };

/** Seconds waited now: the server's figure when the list arrived, plus the time since. */
function waitedNow(entry: WaitingTicket, now: number): number {
  return entry.waitedSeconds + Math.max(0, (now - entry.receivedAt) / 1000);
}

export function WaitingList() {
  const { t } = useTranslation('staff');
  const queue = useConsole((s) => s.queue);
  const services = useConsole((s) => s.services);
  const target = useConsole((s) => s.targetSeconds);
  const now = useNow(1000);
  const serviceName = (id: string) => services.find((service) => service.id === id)?.name ?? id;

  return (
    <section className="panel waiting" aria-labelledby="waiting-title">
      <h2 id="waiting-title">
        {t('waiting.title')} <span className="count">({t('waiting.count', { count: queue.length })})</span>
      </h2>
      <p className="target-note">
        {t('waiting.caption')}
        {target !== null && <> · {t('waiting.target', { duration: formatDuration(target) })}</>}
      </p>
      {queue.length === 0 ? (
        <p className="empty">{t('waiting.empty')}</p>
      ) : (
        <table className="waiting-table">
          <caption className="visually-hidden">{t('waiting.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('waiting.columns.ticket')}</th>
              <th scope="col">{t('waiting.columns.service')}</th>
              <th scope="col">{t('waiting.columns.waited')}</th>
              <th scope="col">{t('waiting.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((entry) => {
              const waited = waitedNow(entry, now);
              const level = target === null ? 'ok' : waitLevel(waited, target);
              return (
                <tr key={entry.id} className={`wait-${level}`} data-ticket={entry.number} data-level={level}>
                  <th scope="row" className="ticket-number">
                    {entry.number}
                    {entry.priority && <span className="tag priority">{t('waiting.priority')}</span>}
                  </th>
                  <td>{serviceName(entry.service)}</td>
                  <td className="waited">
                    <time dateTime={`PT${Math.floor(waited)}S`}>{formatDuration(waited)}</time>
                  </td>
                  <td className="level">
                    {levelIcon[level] && <Icon name={levelIcon[level]} className="level-icon" />}{' '}
                    {t(`waiting.level.${level}`)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
