import { useCallback, useEffect, useRef, useState } from 'react';

interface Options {
  /** Off on an untouched attract screen (nothing to forget) and while a payment holds it. */
  enabled: boolean;
  idleMs: number;
  countdownMs: number;
  onTimeout: () => void;
}

/**
 * No touch or key for `idleMs` → a warning that counts down `countdownMs`; "I need more time" starts
 * again; reaching zero calls `onTimeout` (forget the visit). While the warning shows, only its own
 * buttons count: a stray touch elsewhere must not silently keep a resident's details on screen.
 */
export function useInactivity({ enabled, idleMs, countdownMs, onTimeout }: Options) {
  const [warningUntil, setWarningUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const warningShown = useRef(false);
  warningShown.current = warningUntil !== null;
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;

  const restart = useCallback(() => {
    clearTimeout(idleTimer.current);
    if (!enabled) return;
    idleTimer.current = setTimeout(() => {
      setNow(Date.now());
      setWarningUntil(Date.now() + countdownMs);
    }, idleMs);
  }, [enabled, idleMs, countdownMs]);

  useEffect(() => {
    if (!enabled) setWarningUntil(null);
    restart();
    const onActivity = () => {
      if (!warningShown.current) restart();
    };
    document.addEventListener('pointerdown', onActivity, true);
    document.addEventListener('keydown', onActivity, true);
    return () => {
      clearTimeout(idleTimer.current);
      document.removeEventListener('pointerdown', onActivity, true);
      document.removeEventListener('keydown', onActivity, true);
    };
  }, [enabled, restart]);

  useEffect(() => {
    if (warningUntil === null) return;
    const tick = setInterval(
      () => {
        const at = Date.now();
        setNow(at);
        if (at >= warningUntil) {
          clearInterval(tick);
          setWarningUntil(null);
          timeout.current();
        }
      },
      Math.min(200, countdownMs),
    );
    return () => clearInterval(tick);
  }, [warningUntil, countdownMs]);

  const extend = useCallback(() => {
    setWarningUntil(null);
    restart();
  }, [restart]);

  return {
    warning: warningUntil !== null,
    remainingSeconds: warningUntil === null ? 0 : Math.max(0, Math.ceil((warningUntil - now) / 1000)),
    extend,
  };
}
