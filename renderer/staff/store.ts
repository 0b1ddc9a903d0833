/**
 * The staff console's state. Everything live comes from the /api/events WebSocket: a ticket event
 * updates the current ticket at once and re-reads the queue (the server owns the calling order,
 * priority rule included, so the console never re-implements it). No timers poll the server.
 */
import { create } from 'zustand';
import { z } from 'zod';
import { Desk, QueueEntry, QueueEvent, Service, Ticket } from '../../contract/queue';
import { DeviceEvent, DeviceState } from '../../contract/devices';
import { request, subscribeToEvents } from '../shared/api-client';
import { handleUnauthorised } from './session';
import { fetchWaitTarget } from './waitTarget';

export const ConsoleEvent = z.union([QueueEvent, DeviceEvent]);
export type ConsoleEvent = z.infer<typeof ConsoleEvent>;

/** A waiting ticket plus when this browser received its `waitedSeconds`, so the wait can tick locally. */
export interface WaitingTicket extends QueueEntry {
  receivedAt: number;
}

export type Notice =
  | { kind: 'error'; error: unknown }
  | { kind: 'info'; key: string; values?: Record<string, string> };

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

interface ConsoleState {
  services: Service[];
  desks: Desk[];
  targetSeconds: number | null;
  deskId: string | null;
  queue: WaitingTicket[];
  current: Ticket | null;
  devices: DeviceState[];
  connection: ConnectionState;
  busy: boolean;
  notice: Notice | null;
  loadSite: () => Promise<void>;
  chooseDesk: (deskId: string | null) => void;
  refreshQueue: () => Promise<void>;
  refreshDevices: () => Promise<void>;
  callNext: () => Promise<void>;
  recall: () => Promise<void>;
  noShow: () => Promise<void>;
  complete: () => Promise<void>;
  transfer: (service: string) => Promise<void>;
  applyEvent: (event: ConsoleEvent) => void;
  dismissNotice: () => void;
  connect: () => () => void;
}

const deskKey = 'staff-desk';
const currentKey = (desk: string) => `staff-current-${desk}`;

function storedCurrent(desk: string | null): Ticket | null {
  if (!desk) return null;
  try {
    const parsed = Ticket.safeParse(JSON.parse(sessionStorage.getItem(currentKey(desk)) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function rememberCurrent(desk: string | null, ticket: Ticket | null): void {
  if (!desk) return;
  if (ticket) sessionStorage.setItem(currentKey(desk), JSON.stringify(ticket));
  else sessionStorage.removeItem(currentKey(desk));
}

/** A ticket stays at the desk while it is called or being served; any other state frees the desk. */
const atDesk = (ticket: Ticket) => ticket.state === 'called' || ticket.state === 'serving';

const initialDesk = sessionStorage.getItem(deskKey);

export const useConsole = create<ConsoleState>((set, get) => {
  let queueRequest: Promise<void> | null = null;
  let queueStale = false;

  /** Runs a staff action: one at a time, errors shown in words, 401 back to sign-in. */
  async function act(action: () => Promise<void>): Promise<void> {
    if (get().busy) return;
    set({ busy: true, notice: null });
    try {
      await action();
    } catch (error) {
      if (!handleUnauthorised(error)) set({ notice: { kind: 'error', error } });
      // The server refused: what we show may be out of date (another desk acted first).
      void get().refreshQueue();
    } finally {
      set({ busy: false });
    }
  }

  function setCurrent(ticket: Ticket | null) {
    rememberCurrent(get().deskId, ticket);
    set({ current: ticket });
  }

  async function ticketAction(path: string, body?: unknown) {
    const current = get().current;
    if (!current) return;
    await act(async () => {
      const answer = await request('POST', `/api/tickets/${encodeURIComponent(current.id)}/${path}`, Ticket, body ?? {});
      if (answer) setCurrent(atDesk(answer) ? answer : null);
      else if (path !== 'recall') setCurrent(null);
      await get().refreshQueue();
    });
  }

  return {
    services: [],
    desks: [],
    targetSeconds: null,
    deskId: initialDesk,
    queue: [],
    current: storedCurrent(initialDesk),
    devices: [],
    connection: 'connecting',
    busy: false,
    notice: null,

    loadSite: async () => {
      try {
        const [services, desks, targetSeconds] = await Promise.all([
          request('GET', '/api/services', z.array(Service)),
          request('GET', '/api/desks', z.array(Desk)),
          fetchWaitTarget(),
        ]);
        set({ services: services ?? [], desks: desks ?? [], targetSeconds });
      } catch (error) {
        if (!handleUnauthorised(error)) set({ notice: { kind: 'error', error } });
      }
    },

    chooseDesk: (deskId) => {
      if (deskId) sessionStorage.setItem(deskKey, deskId);
      else sessionStorage.removeItem(deskKey);
      set({ deskId, current: storedCurrent(deskId), notice: null });
    },

    refreshQueue: async () => {
      // Coalesce bursts of events into at most one request in flight plus one after it.
      if (queueRequest) {
        queueStale = true;
        return queueRequest;
      }
      queueRequest = (async () => {
        do {
          queueStale = false;
          try {
            const entries = (await request('GET', '/api/queue', z.array(QueueEntry))) ?? [];
            const receivedAt = Date.now();
            set({ queue: entries.map((entry) => ({ ...entry, receivedAt })) });
          } catch (error) {
            if (handleUnauthorised(error)) return;
            set({ notice: { kind: 'error', error } });
          }
        } while (queueStale);
      })().finally(() => {
        queueRequest = null;
      });
      return queueRequest;
    },

    refreshDevices: async () => {
      try {
        const devices = (await request('GET', '/api/devices', z.array(DeviceState))) ?? [];
        set({ devices });
      } catch (error) {
        if (!handleUnauthorised(error)) set({ notice: { kind: 'error', error } });
      }
    },

    callNext: () =>
      act(async () => {
        const deskId = get().deskId;
        if (!deskId) return;
        const called = await request('POST', `/api/desks/${encodeURIComponent(deskId)}/call-next`, Ticket, {});
        if (called) setCurrent(called);
        else set({ notice: { kind: 'info', key: 'staff:notices.nobodyWaiting' } });
        await get().refreshQueue();
      }),
    recall: () => ticketAction('recall'),
    noShow: () => ticketAction('no-show'),
    complete: () => ticketAction('complete'),
    transfer: (service) => ticketAction('transfer', { service }),

    applyEvent: (event) => {
      if (event.type === 'device.state') {
        const others = get().devices.filter((device) => device.id !== event.device.id || device.kiosk !== event.device.kiosk);
        set({ devices: [...others, event.device] });
        return;
      }
      const { ticket } = event;
      const { current, deskId } = get();
      if (current?.id === ticket.id) setCurrent(atDesk(ticket) && ticket.desk === deskId ? ticket : null);
      else if (!current && deskId && ticket.desk === deskId && atDesk(ticket)) setCurrent(ticket);
      void get().refreshQueue();
    },

    dismissNotice: () => set({ notice: null }),

    connect: () => {
      return subscribeToEvents(
        ConsoleEvent,
        (event) => get().applyEvent(event),
        (connected) => {
          set({ connection: connected ? 'live' : 'reconnecting' });
          // Read the state once the stream is open, so nothing issued in between is missed
          // (and again after a reconnect, for the events missed while away).
          if (connected) {
            void get().refreshQueue();
            void get().refreshDevices();
          }
        },
      );
    },
  };
});
