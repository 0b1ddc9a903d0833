import { useTranslation } from 'react-i18next';
import type { DeviceHealth } from '../../contract/devices';
import { useConsole } from './store';
import { Icon, type IconName } from './Icon';

const healthIcon: Record<DeviceHealth, IconName> = { ok: 'ok', warning: 'warning', fault: 'stop', offline: 'stop' };

/** Each kiosk's printers and card terminal; paper near end is a warning, not a fault. */
export function DevicePanel() {
  const { t } = useTranslation('staff');
  const devices = useConsole((s) => s.devices);
  const available = useConsole((s) => s.devicesAvailable);
  const sorted = [...devices].sort((a, b) => `${a.kiosk ?? ''}/${a.id}`.localeCompare(`${b.kiosk ?? ''}/${b.id}`));

  return (
    <section className="panel devices" aria-labelledby="devices-title">
      <h2 id="devices-title">{t('devices.title')}</h2>
      {sorted.length === 0 ? (
        <p className="empty">{available ? t('devices.none') : t('devices.unavailable')}</p>
      ) : (
        <ul>
          {sorted.map((device) => (
            <li
              key={`${device.kiosk ?? ''}/${device.id}`}
              className={`device health-${device.health}`}
              data-device={device.id}
              data-health={device.health}
            >
              <Icon name={healthIcon[device.health]} className="device-icon" />
              <span className="device-name">
                {t(`devices.kind.${device.kind}`)}
                {device.kiosk && <span className="device-kiosk"> · {device.kiosk}</span>}
              </span>
              <span className="device-health">
                {t(`devices.health.${device.health}`)}
                {device.reason &&
                  `: ${t(`devices.reason.${device.reason}`, { defaultValue: device.detail ?? device.reason })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
