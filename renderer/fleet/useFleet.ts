/**
 * The fleet as this page knows it: the last view read, when it arrived (for relative times), the
 * event stream's state, and what went wrong in words. A 401 goes back to sign-in.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetView } from '../../contract/fleet';
import { describeError } from '../shared/errors';
import { handleUnauthorised } from '../shared/session';
import { fetchFleet, subscribeToFleet } from './api';
import { coalesced, followFleet, type ConnectionState } from './live';

export interface FleetState {
  view: FleetView | null;
  /** Date.now() when `view` arrived. */
  receivedAt: number;
  loading: boolean;
  error: string | null;
  connection: ConnectionState;
}

export function useFleet(): FleetState {
  const { t } = useTranslation('staff');
  const [state, setState] = useState<FleetState>({
    view: null,
    receivedAt: 0,
    loading: true,
    error: null,
    connection: 'connecting',
  });

  const reread = useMemo(
    () =>
      coalesced(async () => {
        setState((previous) => ({ ...previous, loading: true }));
        try {
          const view = await fetchFleet();
          setState((previous) => ({ ...previous, view, receivedAt: Date.now(), loading: false, error: null }));
        } catch (caught) {
          const error = handleUnauthorised(caught) ? null : describeError(caught, t);
          setState((previous) => ({ ...previous, loading: false, error }));
        }
      }),
    [t],
  );

  useEffect(() => {
    void reread();
    return followFleet(
      subscribeToFleet,
      () => void reread(),
      (connection) => setState((previous) => ({ ...previous, connection })),
    );
  }, [reread]);

  return state;
}
