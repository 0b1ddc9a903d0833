import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminAction, KioskBridge, ShellStatus } from '../../../contract/ipc';
import { LoadState } from '../components/LoadState';
import { useKioskSetup } from '../setup';
import { useLoad } from '../useLoad';
import { fetchKioskDevices } from './api';

interface Props {
  bridge: KioskBridge;
  /** The shell refused an action: the panel's time is up, ask for the PIN again. */
  onExpired: () => void;
  onClose: () => void;
}

/** After a right PIN: this kiosk's devices and shell, and the shell's own actions (reload, exit). */
export function FacilitiesPanel({ bridge, onExpired, onClose }: Props) {
  const { t } = useTranslation('kiosk');
  const { params } = useKioskSetup();
  const devices = useLoad(params.kioskId, () => fetchKioskDevices(params.kioskId));
  const [shell, setShell] = useState<ShellStatus | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    bridge.getShellStatus().then(setShell, () => setShell(null));
    return bridge.onShellStatus(setShell);
  }, [bridge]);

  const act = (action: AdminAction) => {
    bridge
      .adminAction(action)
      .then((result) => {
        if (result.outcome === 'needs-pin') onExpired();
        else setMessage(t(action === 'exit' ? 'facilities.panel.exiting' : 'facilities.panel.reloading'));
      })
      .catch(() => setMessage(t('facilities.pin.failed')));
  };

  return (
    <div role="dialog" aria-modal="true" aria-labelledby="facilities-panel-title" className="dialog facilities__dialog">
      <h2 id="facilities-panel-title" ref={heading} tabIndex={-1}>
        {t('facilities.panel.title')}
      </h2>
      <h3>{t('facilities.panel.devices')}</h3>
      {devices.state === 'ready' ? (
        devices.data.length === 0 ? (
          <p>{t('facilities.panel.noDevices')}</p>
        ) : (
          <ul className="facilities__devices">
            {devices.data.map((device) => (
              <li key={device.id}>
                <strong>{t(`facilities.kind.${device.kind}`)}</strong>: {t(`facilities.health.${device.health}`)}
                {/* The server's sentence for facilities, in English. */}
                {device.detail ? <span lang="en"> ({device.detail})</span> : null}
              </li>
            ))}
          </ul>
        )
      ) : (
        <LoadState retry={devices.state === 'error' ? devices.retry : undefined} />
      )}
      <h3>{t('facilities.panel.shell')}</h3>
      <p>
        {shell
          ? t('facilities.panel.restarts', { restarts: shell.rendererRestarts })
          : t('facilities.panel.shellUnknown')}
      </p>
      <p role="status" className="facilities__message">
        {message}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={() => act('reload')}>
          {t('facilities.panel.reload')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => act('exit')}>
          {t('facilities.panel.exit')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('facilities.panel.close')}
        </button>
      </div>
    </div>
  );
}
