import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from './store';

/** The ticket called to this desk, and every action on it. */
export function CurrentTicket() {
  const { t } = useTranslation('staff');
  const current = useConsole((s) => s.current);
  const services = useConsole((s) => s.services);
  const busy = useConsole((s) => s.busy);
  const queueLength = useConsole((s) => s.queue.length);
  const { callNext, recall, noShow, complete, transfer } = useConsole.getState();
  const [transferTo, setTransferTo] = useState('');
  const id = useId();
  const serviceName = (serviceId: string) => services.find((service) => service.id === serviceId)?.name ?? serviceId;
  const transferTargets = services.filter((service) => service.id !== current?.service);

  return (
    <section className="panel current" aria-labelledby="current-title">
      <h2 id="current-title">{t('current.title')}</h2>
      {current ? (
        <>
          <p className="current-number" data-testid="current-number">
            {current.number}
          </p>
          <p className="current-service">{serviceName(current.service)}</p>
          <p className="current-state">{t(`current.state.${current.state}`, { defaultValue: current.state })}</p>
          <div className="actions" role="group" aria-label={t('current.actions')}>
            <button type="button" className="button" disabled={busy} onClick={() => void recall()}>
              {t('actions.recall')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void noShow()}>
              {t('actions.noShow')}
            </button>
            <button type="button" className="button primary" disabled={busy} onClick={() => void complete()}>
              {t('actions.complete')}
            </button>
          </div>
          <form
            className="transfer"
            onSubmit={(event) => {
              event.preventDefault();
              if (transferTo) void transfer(transferTo).then(() => setTransferTo(''));
            }}
          >
            <label htmlFor={`${id}-transfer`}>{t('actions.transferTo')}</label>
            <select id={`${id}-transfer`} value={transferTo} onChange={(event) => setTransferTo(event.target.value)}>
              <option value="">{t('actions.chooseService')}</option>
              {transferTargets.map((service) => (
                <option key={service.id} value={service.id}>
                  {service.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button" disabled={busy || !transferTo}>
              {t('actions.transfer')}
            </button>
          </form>
        </>
      ) : (
        <p className="empty">{t('current.none')}</p>
      )}
      <div className="call-next">
        <button
          type="button"
          className="button primary large"
          disabled={busy || current !== null}
          onClick={() => void callNext()}
          aria-describedby={current ? `${id}-hint` : undefined}
        >
          {t('actions.callNext')}
        </button>
        {current ? (
          <p id={`${id}-hint`} className="hint">
            {t('current.finishFirst')}
          </p>
        ) : (
          queueLength === 0 && <p className="hint">{t('waiting.empty')}</p>
        )}
      </div>
    </section>
  );
}
