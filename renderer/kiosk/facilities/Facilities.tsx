import { useState } from 'react';
import type { KioskBridge } from '../../../contract/ipc';
import '../payment/payment.css';
import { FacilitiesPanel } from './FacilitiesPanel';
import { PinPad } from './PinPad';

interface Props {
  bridge: KioskBridge;
  onClose: () => void;
}

type Step = { name: 'pin'; expired: boolean } | { name: 'panel' };

/** The PIN pad, then (after a right PIN, checked by the shell) the facilities panel. */
export function Facilities({ bridge, onClose }: Props) {
  const [step, setStep] = useState<Step>({ name: 'pin', expired: false });
  return (
    <div className="dialog-backdrop facilities">
      {step.name === 'pin' ? (
        <PinPad
          bridge={bridge}
          expired={step.expired}
          onUnlocked={() => setStep({ name: 'panel' })}
          onCancel={onClose}
        />
      ) : (
        <FacilitiesPanel
          bridge={bridge}
          onExpired={() => setStep({ name: 'pin', expired: true })}
          onClose={() => {
            void bridge.adminAction('close').catch(() => undefined);
            onClose();
          }}
        />
      )}
    </div>
  );
}
