import { useCallback, useEffect, useState } from 'react';
import type { KioskBridge } from '../../../contract/ipc';
import '../payment/payment.css';
import { FacilitiesPanel } from './FacilitiesPanel';
import { PinPad } from './PinPad';

interface Props {
  bridge: KioskBridge;
  onClose: () => void;
}

type Step = { name: 'pin'; expired: boolean } | { name: 'panel' };

/** Left alone this long, the pad or panel closes so the kiosk is the residents' again. */
export const facilitiesQuietMs = 120_000;

/** The PIN pad, then (after a right PIN, checked by the shell) the facilities panel. */
export function Facilities({ bridge, onClose }: Props) {
  const [step, setStep] = useState<Step>({ name: 'pin', expired: false });
  const [lastTouch, setLastTouch] = useState(0);
  const touched = useCallback(() => setLastTouch((n) => n + 1), []);
  const close = useCallback(() => {
    void bridge.adminAction('close').catch(() => undefined);
    onClose();
  }, [bridge, onClose]);
  useEffect(() => {
    const timer = setTimeout(close, facilitiesQuietMs);
    return () => clearTimeout(timer);
  }, [close, lastTouch]);
  return (
    <div className="dialog-backdrop facilities" onPointerDownCapture={touched} onKeyDownCapture={touched}>
      {step.name === 'pin' ? (
        <PinPad
          bridge={bridge}
          expired={step.expired}
          onUnlocked={() => setStep({ name: 'panel' })}
          onCancel={onClose}
        />
      ) : (
        <FacilitiesPanel bridge={bridge} onExpired={() => setStep({ name: 'pin', expired: true })} onClose={close} />
      )}
    </div>
  );
}
