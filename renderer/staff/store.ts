/**
 * The staff console's state. Everything live comes from the server's event stream: a ticket event
 * updates the current ticket at once and re-reads the queue (the server owns the calling order,
 * priority rule included, so the console never re-implements it). No timers poll the server.
 */
import { create } from 'zustand';
import { z } from 'zod';
import { type DeskStatus, type QueueEntry, QueueEvent, type Service, type Ticket } from '../../contract/queue';
import { DeviceEvent, type DeviceState } from '../../contract/devices';
import { subscribeToEvents } from '../shared/api-client';
import { isUnreachable } from '../shared/errors';
import { handleUnauthorised } from '../shared/session';
import * as api from './api';

const ConsoleEvent = z.union([QueueEvent, DeviceEvent]);
type ConsoleEvent = z.infer<typeof ConsoleEvent>;

/** A waiting ticket plus when this browser received its `waitedSeconds`, so the wait can tick locally. */
export interface WaitingTicket extends QueueEntry {
  receivedAt: number;
}

type Notice = { kind: 'error'; error: unknown } | { kind: 'info'; key: string; values?: Record<string, string> };

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

interface ConsoleState {
  services: Service[];
  desks: DeskStatus[];
  targetSeconds: number | null;
  deskId: string | null;
  queue: WaitingTicket[];
  current: Ticket | null;
  devices: DeviceState[];
  /** False when the server does not report device states (or refused to). */
  devicesAvailable: boolean;
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

/** Tells the server a desk is staffed (open) or not; a failure only makes estimates less exact. */
async function markDesk(deskId: string, action: 'open' | 'close'): Promise<void> {
  try {
    await api.markDesk(deskId, action);
  } catch (caught) {
    handleUnauthorised(caught);
  }
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

  // Bumped whenever an action or event sets the current ticket, so an older desks answer
  // (loadSite) does not overwrite what happened while it was in flight.
  let currentVersion = 0;
  function setCurrent(ticket: Ticket | null) {
    currentVersion++;
    set({ current: ticket });
  }

  /** The server knows which ticket each desk is serving (fetchDesks), so a reload picks it up. */
  function currentFromDesks(desks: DeskStatus[], deskId: string | null): Ticket | null {
    return desks.find((desk) => desk.id === deskId)?.current ?? null;
  }

  async function ticketAction(step: api.TicketStep) {
    const current = get().current;
    if (!current) return;
    await act(async () => {
      const answer = await api.actOnTicket(current.id, step);
      if (answer) setCurrent(atDesk(answer) ? answer : null);
      else if (step.action !== 'recall') setCurrent(null);
      await get().refreshQueue();
    });
  }

  return {
    services: [],
    desks: [],
    targetSeconds: null,
    deskId: initialDesk,
    queue: [],
    current: null,
    devices: [],
    devicesAvailable: true,
    connection: 'connecting',
    busy: false,
    notice: null,

    loadSite: async () => {
      const versionAtStart = currentVersion;
      try {
        const [services, desks, targetSeconds] = await Promise.all([
          api.fetchServices(),
          api.fetchDesks(),
          api.fetchWaitTarget(),
        ]);
        // A desk remembered from before may have gone from the site config: choose again.
        const deskId = desks.some((desk) => desk.id === get().deskId) ? get().deskId : null;
        const forgotten = deskId === null && get().deskId !== null;
        if (forgotten) sessionStorage.removeItem(deskKey);
        const current =
          forgotten || currentVersion === versionAtStart ? currentFromDesks(desks, deskId) : get().current;
        set({
          services,
          desks,
          targetSeconds,
          deskId,
          current,
          ...(forgotten ? { notice: null, queue: [] } : {}),
        });
        void get().refreshQueue();
      } catch (error) {
        if (!handleUnauthorised(error)) set({ notice: { kind: 'error', error } });
      }
    },

    chooseDesk: (deskId) => {
      const previous = get().deskId;
      if (deskId) sessionStorage.setItem(deskKey, deskId);
      else sessionStorage.removeItem(deskKey);
      set({ deskId, current: currentFromDesks(get().desks, deskId), notice: null, queue: [] });
      // The kiosk's estimated wait divides the queue by the desks that are staffed: say which.
      if (previous && previous !== deskId) void markDesk(previous, 'close');
      if (deskId) {
        void markDesk(deskId, 'open');
        void get().refreshQueue();
      }
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
            // This desk's services, in the order Call next will take them. Only once the desk is
            // known to exist (loadSite reads the queue again when it has the desks).
            const { deskId, desks } = get();
            if (!deskId || !desks.some((desk) => desk.id === deskId)) break;
            const entries = await api.fetchQueue(deskId);
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
        const devices = await api.fetchDevices();
        set({ devices, devicesAvailable: true });
      } catch (error) {
        // Device health is secondary here: say it is unavailable in its panel, not as an error.
        if (!handleUnauthorised(error)) set({ devicesAvailable: false });
      }
    },

    callNext: () =>
      act(async () => {
        const deskId = get().deskId;
        if (!deskId) return;
        const called = await api.callNext(deskId);
        if (called) setCurrent(called);
        else set({ notice: { kind: 'info', key: 'staff:notices.nobodyWaiting' } });
        await get().refreshQueue();
      }),
    recall: () => ticketAction({ action: 'recall' }),
    noShow: () => ticketAction({ action: 'no-show' }),
    complete: () => ticketAction({ action: 'complete' }),
    transfer: (service) => ticketAction({ action: 'transfer', service }),

    applyEvent: (event) => {
      if (event.type === 'device.state') {
        const others = get().devices.filter(
          (device) => device.id !== event.device.id || device.kiosk !== event.device.kiosk,
        );
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
      let wasLive = false;
      return subscribeToEvents(
        ConsoleEvent,
        (event) => get().applyEvent(event),
        (connected) => {
          set({ connection: connected ? 'live' : 'reconnecting' });
          // Read the state once the stream is open, so nothing issued in between is missed
          // (and again after a reconnect, for the events missed while away).
          if (connected) {
            if (wasLive) {
              // "Cannot reach the server" from while it was away is no longer true.
              const { notice } = get();
              if (notice?.kind === 'error' && isUnreachable(notice.error)) set({ notice: null });
              void get().loadSite();
            }
            wasLive = true;
            void get().refreshQueue();
            void get().refreshDevices();
          }
        },
      );
    },
  };
});
