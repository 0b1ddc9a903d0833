/**
 * Small status icons drawn as SVG (emoji and symbol glyphs are missing from many kiosk and desk PC
 * fonts). Always beside words: the icon is a second cue, never the only one, so it is hidden from
 * screen readers.
 */
export type IconName = 'ok' | 'warning' | 'stop' | 'sync';

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={`icon ${className ?? ''}`}
      viewBox="0 0 24 24"
      width="1.1em"
      height="1.1em"
      aria-hidden="true"
      focusable="false"
    >
      {name === 'ok' && (
        <path
          d="M4 12.5l5 5L20 6.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      )}
      {name === 'warning' && (
        <>
          <path d="M12 2.5L23 21.5H1z" fill="currentColor" />
          <path d="M12 9v6M12 17.5v1.5" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
        </>
      )}
      {name === 'stop' && (
        <>
          <path d="M7.5 1.5h9l6 6v9l-6 6h-9l-6-6v-9z" fill="currentColor" />
          <path d="M7.5 7.5l9 9M16.5 7.5l-9 9" stroke="#a4001d" strokeWidth="2.8" strokeLinecap="round" />
        </>
      )}
      {name === 'sync' && (
        <path
          d="M20 12a8 8 0 1 1-2.4-5.7M20 3.5v5h-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      )}
    </svg>
  );
}
