import { useEffect, useState } from 'react';

/** The current time (ms), re-rendering every `intervalMs`: keeps "2 minutes ago" true. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
