/** The lobby board's server calls, each checked against the contract. */
import { z } from 'zod';
import { Desk, RecentCall, TicketStatus } from '../../contract/queue';
import { request } from '../shared/api-client';

export const fetchDesks = async (): Promise<Desk[]> => (await request('GET', '/api/desks', z.array(Desk))) ?? [];

/** Calls and recalls, newest first. */
export const fetchRecentCalls = async (limit: number): Promise<RecentCall[]> =>
  (await request('GET', `/api/calls/recent?${new URLSearchParams({ limit: String(limit) })}`, z.array(RecentCall))) ??
  [];

/** Where a ticket is now (called, serving, waiting again…); null when the server has nothing to say. */
export const fetchTicketState = async (ticketId: string): Promise<TicketStatus['state'] | null> =>
  (await request('GET', `/api/tickets/${encodeURIComponent(ticketId)}`, TicketStatus))?.state ?? null;
