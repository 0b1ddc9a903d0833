/** The fleet page re-reads on each fleet.changed and on every (re)connection, never two reads at once. */
import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../contract/fleet';
import { coalesced, followFleet, type ConnectionState, type Subscribe } from '../../renderer/fleet/live';

/** A stand-in for the event stream that the test drives by hand. */
function fakeStream() {
  const stream = {
    emit: (_event: FleetEvent) => {},
    connect: (_connected: boolean) => {},
    stopped: false,
  };
  const subscribe: Subscribe = (onEvent, onConnectionChange) => {
    stream.emit = onEvent;
    stream.connect = onConnectionChange;
    return () => {
      stream.stopped = true;
    };
  };
  return { stream, subscribe };
}

const changed: FleetEvent = {
  type: 'fleet.changed',
  at: '2026-12-02T10:00:00.000Z',
  machineId: 'kiosk-1',
  status: 'fault',
};

describe('followFleet', () => {
  it('re-reads on fleet.changed and whenever the stream connects again, showing the connection state', () => {
    const { stream, subscribe } = fakeStream();
    let reads = 0;
    const states: ConnectionState[] = [];
    const stop = followFleet(
      subscribe,
      () => reads++,
      (state) => states.push(state),
    );

    stream.connect(true);
    expect(reads).toBe(1);
    stream.emit(changed);
    expect(reads).toBe(2);
    stream.connect(false);
    expect(reads).toBe(2);
    stream.connect(true);
    expect(reads).toBe(3);
    expect(states).toEqual(['live', 'reconnecting', 'live']);

    stop();
    expect(stream.stopped).toBe(true);
  });
});

describe('coalesced', () => {
  it('runs one more read after the current one however many triggers came during it', async () => {
    const releases: Array<() => void> = [];
    const read = coalesced(() => new Promise<void>((resolve) => releases.push(resolve)));
    const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

    let done = false;
    void read().then(() => (done = true));
    void read();
    void read();
    expect(releases).toHaveLength(1);

    releases[0]?.();
    await settled();
    expect(releases).toHaveLength(2);
    expect(done).toBe(false);

    releases[1]?.();
    await settled();
    expect(done).toBe(true);
    expect(releases).toHaveLength(2);
  });

  it('reads again later after a read that failed', async () => {
    let calls = 0;
    const read = coalesced(async () => {
      calls++;
      if (calls === 1) throw new Error('unreachable');
    });
    await expect(read()).rejects.toThrow('unreachable');
    await read();
    expect(calls).toBe(2);
  });
});
