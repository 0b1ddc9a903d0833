/**
 * Loading and sending for any signed-in page (staff console, reports), with one way to say what went
 * wrong: a 401 signs out (the sign-in form shows, so no message), anything else becomes a sentence
 * staff can act on (describeError). The page must load the `staff` namespace, which has those words.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors';
import { handleUnauthorised } from './session';

/** What to show for a failed request: null after a 401 (the sign-in form is showing instead). */
export function useFailureMessage(): (caught: unknown) => string | null {
  const { t } = useTranslation('staff');
  return useCallback((caught: unknown) => (handleUnauthorised(caught) ? null : describeError(caught, t)), [t]);
}

export interface RequestState<T> {
  /** The last answer; kept while reloading and after a failed reload, so the page does not flash. */
  data: T | null;
  loading: boolean;
  /** Why the last attempt failed, for the page to show; null while loading or after it worked. */
  error: string | null;
  reload: () => void;
}

/**
 * Loads on first use, whenever `key` changes (say, the period shown) and on reload(). An answer to an
 * older attempt is dropped, so a slow one never overwrites a newer one.
 */
export function useRequest<T>(key: string, load: () => Promise<T>): RequestState<T> {
  const failure = useFailureMessage();
  // `load` is usually a new closure each render: `key` says when what it loads has changed.
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<Omit<RequestState<T>, 'reload'>>({ data: null, loading: true, error: null });

  useEffect(() => {
    let current = true;
    setResult((previous) => ({ ...previous, loading: true, error: null }));
    latestLoad.current().then(
      (data) => current && setResult({ data, loading: false, error: null }),
      (caught: unknown) =>
        current && setResult((previous) => ({ ...previous, loading: false, error: failure(caught) })),
    );
    return () => {
      current = false;
    };
  }, [key, attempt, failure]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...result, reload };
}

export interface Action {
  /** What to show after the last run: the action's own words, or what went wrong. */
  message: string | null;
  /** Runs `action` (clearing the last message first); its answer, or the failure, becomes `message`. */
  run: (action: () => Promise<string | null>) => Promise<void>;
}

/** Sending on demand (a form's submit), with its outcome in words. */
export function useAction(): Action {
  const failure = useFailureMessage();
  const [message, setMessage] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<string | null>) => {
      setMessage(null);
      try {
        setMessage(await action());
      } catch (caught) {
        setMessage(failure(caught));
      }
    },
    [failure],
  );
  return { message, run };
}
