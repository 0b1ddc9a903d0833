/**
 * The lobby board: the latest calls, newest first. Initial state from the recent calls, then live
 * from the server's event stream. A call or recall puts the ticket at the top and queues an announcement;
 * a no-show or transfer takes it off the board (nobody should go to a desk no longer expecting them).
 */
import { create } from 'zustand';
import { type Desk, QueueEvent } from '../../contract/queue';
import { subscribeToEvents } from '../shared/api-client';
import { fetchDesks, fetchRecentCalls, fetchTicketState } from './api';

export interface BoardCall {
  ticketId: string;
  number: string;
  desk: string;
  at: string;
  /** Increases on every call, so a recall of the same ticket renders (and highlights) afresh. */
  seq: number;
}

/** The board shows the newest call large and this many previous calls beneath it. */
const previousCallsShown = 6;
/** Asked of the server, so that after dropping calls no longer valid there are still enough to fill the board. */
const recentCallsAsked = 20;

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

interface BoardState {
  desks: Desk[];
  calls: BoardCall[];
  connection: ConnectionState;
  load: () => Promise<void>;
  connect: (onCall: (call: BoardCall) => void) => () => void;
}

let seq = 0;

function withCall(calls: BoardCall[], call: Omit<BoardCall, 'seq'>): BoardCall[] {
  return [{ ...call, seq: ++seq }, ...calls.filter((c) => c.ticketId !== call.ticketId)].slice(
    0,
    previousCallsShown + 1,
  );
}

/** What one event does to the board; the new call when it is one to announce. */
function applyEvent(calls: BoardCall[], event: QueueEvent): { calls: BoardCall[]; called: BoardCall | null } {
  const { ticket } = event;
  if ((event.type === 'ticket.called' || event.type === 'ticket.recalled') && ticket.desk) {
    const next = withCall(calls, { ticketId: ticket.id, number: ticket.number, desk: ticket.desk, at: event.at });
    return { calls: next, called: next[0] ?? null };
  }
  if (event.type === 'ticket.no-show' || event.type === 'ticket.transferred' || event.type === 'ticket.closed') {
    return { calls: calls.filter((call) => call.ticketId !== ticket.id), called: null };
  }
  return { calls, called: null };
}

/** Events that arrive while load() is reading the server; replayed on top of what it read. */
const arrivedDuringLoad: QueueEvent[] = [];
let loadsInFlight = 0;

export const useBoard = create<BoardState>((set, get) => ({
  desks: [],
  calls: [],
  connection: 'connecting',

  load: async () => {
    loadsInFlight++;
    const from = arrivedDuringLoad.length;
    try {
      await readBoard(() => arrivedDuringLoad.slice(from));
    } finally {
      if (--loadsInFlight === 0) arrivedDuringLoad.length = 0;
    }
  },

  connect: (onCall) =>
    subscribeToEvents(
      QueueEvent,
      (event) => {
        if (loadsInFlight > 0) arrivedDuringLoad.push(event);
        const { calls, called } = applyEvent(get().calls, event);
        set({ calls });
        if (called) onCall(called);
      },
      (connected) => {
        set({ connection: connected ? 'live' : 'reconnecting' });
        // Catch up on anything missed while the connection was down (shown, not announced).
        if (connected)
          void get()
            .load()
            .catch(() => undefined);
      },
    ),
}));

async function readBoard(arrivedSinceStart: () => QueueEvent[]): Promise<void> {
  const [desks, recent] = await Promise.all([fetchDesks(), fetchRecentCalls(recentCallsAsked)]);
  // The server lists calls and recalls newest first; keep one line per ticket.
  let calls: BoardCall[] = [];
  for (const call of recent) {
    if (!calls.some((c) => c.ticketId === call.ticketId))
      calls.push({ ticketId: call.ticketId, number: call.number, desk: call.desk, at: call.calledAt, seq: ++seq });
  }
  // As live: a ticket since marked no-show, transferred (waiting again) or closed is not shown.
  const states = await Promise.all(calls.map((call) => fetchTicketState(call.ticketId).catch(() => null)));
  calls = calls
    .filter((_, i) => {
      const state = states[i];
      return (
        state === null || state === undefined || state === 'called' || state === 'serving' || state === 'completed'
      );
    })
    .slice(0, previousCallsShown + 1);
  // What the server answered may be older than events shown meanwhile: replay them on top.
  for (const event of arrivedSinceStart()) calls = applyEvent(calls, event).calls;
  // A call already on the board keeps its identity, so a catch-up reload does not re-highlight it.
  const shown = useBoard.getState().calls;
  calls = calls.map((call) => shown.find((s) => s.ticketId === call.ticketId && s.at === call.at) ?? call);
  useBoard.setState({ desks, calls });
}
