/**
 * Keeping the fleet page current without polling: re-read GET /api/fleet on every `fleet.changed`
 * and whenever the event stream (re)connects, since events sent while it was down are lost.
 * Re-reads never overlap: a trigger during a read asks for one more read after it.
 */
import type { FleetEvent } from '../../contract/fleet';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** The connection indicator's next state when the event stream opens or closes. */
export function nextConnectionState(connected: boolean): ConnectionState {
  return connected ? 'live' : 'reconnecting';
}

/** Wraps `read` so that calls during a read collapse into a single read after it. */
export function coalesced(read: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await read();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}

export type Subscribe = (
  onEvent: (event: FleetEvent) => void,
  onConnectionChange: (connected: boolean) => void,
) => () => void;

/** Subscribes and re-reads on each change or (re)connection; returns the unsubscribe. */
export function followFleet(
  subscribe: Subscribe,
  reread: () => void,
  onConnection: (state: ConnectionState) => void,
): () => void {
  return subscribe(
    (event) => {
      if (event.type === 'fleet.changed') reread();
    },
    (connected) => {
      onConnection(nextConnectionState(connected));
      if (connected) reread();
    },
  );
}
