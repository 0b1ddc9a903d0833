import { lazy, Suspense, useState } from 'react';
import type { KioskBridge } from '../../../contract/ipc';
import { createTapGesture, facilitiesGesture } from './tap-gesture';

// Loaded on the gesture only: residents never download the PIN pad.
const Facilities = lazy(() => import('./Facilities').then((m) => ({ default: m.Facilities })));

/**
 * The hidden corner at the bottom left of the footer (left in every language, so facilities staff
 * need not know which way the screen reads): five taps within three seconds open the PIN pad.
 */
export function FacilitiesCorner({ onGesture }: { onGesture: () => void }) {
  const [gesture] = useState(() => createTapGesture(facilitiesGesture));
  return (
    <div
      className="facilities-corner"
      aria-hidden="true"
      data-testid="facilities-corner"
      onPointerDown={() => {
        if (gesture.tap()) onGesture();
      }}
    />
  );
}

export function FacilitiesDialog({ bridge, onClose }: { bridge: KioskBridge; onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <Facilities bridge={bridge} onClose={onClose} />
    </Suspense>
  );
}
