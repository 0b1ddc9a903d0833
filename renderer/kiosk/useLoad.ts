import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; retry: () => void } | { state: 'ready'; data: T };

/** Loads once per change of `key`; a late answer for an old key is dropped. */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; value: Loaded<T> }>({ key, value: { state: 'loading' } });
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    let current = true;
    setResult({ key, value: { state: 'loading' } });
    load().then(
      (data) => current && setResult({ key, value: { state: 'ready', data } }),
      () => current && setResult({ key, value: { state: 'error', retry } }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is recreated each render; `key` says when it changes
  }, [key, attempt, retry]);
  return result.key === key ? result.value : { state: 'loading' };
}
