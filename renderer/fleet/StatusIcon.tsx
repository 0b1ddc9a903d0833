/**
 * A shape for each state, drawn as SVG (symbol glyphs are missing from many desk PC fonts). Always
 * beside words: the shape is a second cue after the word, never the only one, so it is hidden from
 * screen readers.
 */
import type { DeviceHealth } from '../../contract/devices';
import type { FleetStatus } from '../../contract/fleet';

export type StatusShape = FleetStatus | DeviceHealth;

export function StatusIcon({ status }: { status: StatusShape }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1.1em" height="1.1em" aria-hidden="true" focusable="false">
      {status === 'ok' && (
        <path
          d="M4 12.5l5 5L20 6.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      )}
      {status === 'warning' && (
        <>
          <path d="M12 2.5L23 21.5H1z" fill="currentColor" />
          <path d="M12 9v6M12 17.5v1.5" stroke="var(--near)" strokeWidth="2.6" strokeLinecap="round" />
        </>
      )}
      {(status === 'fault' || status === 'offline') && (
        <>
          <path d="M7.5 1.5h9l6 6v9l-6 6h-9l-6-6v-9z" fill="currentColor" />
          <path d="M7.5 7.5l9 9M16.5 7.5l-9 9" stroke="var(--over)" strokeWidth="2.8" strokeLinecap="round" />
        </>
      )}
      {status === 'not-seen' && (
        <>
          <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2.6" strokeDasharray="4 3" />
          <path d="M12 6.5V12l3.5 2.5" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}
